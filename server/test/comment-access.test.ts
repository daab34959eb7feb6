import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, type AccessLevel, type ThreadView } from '@quire/shared';
import { addReply, deleteComment, editComment, readThreads, setResolved } from '@quire/shared/comments';
import { docName, startTestServer, TEST_SECRET, useClients, useServers, waitFor, type TestServer } from './helpers.js';
import { postUpdate, sendOverHttp, sendOverWebSocket, type UpdateSender } from './update-senders.js';
import {
  call,
  commentsPath,
  createDoc,
  startThread,
  stateOf,
  textOf,
  threadsOf,
  tokenFor,
  updateOf,
} from './comment-helpers.js';

/**
 * SPEC: Access (the `comment` level), Comments — who may do what to comments, enforced by
 * the server on every path an update takes: refused updates are never applied, stored or
 * relayed.
 */
const servers = useServers();
const clients = useClients();
const OWNER = { sub: 'owner', name: 'Owner' };

async function start(): Promise<TestServer> {
  return servers.track(await startTestServer({ authSecret: TEST_SECRET }));
}

/** A document with text and one thread by OWNER. */
async function docWithThread(server: TestServer): Promise<{ name: string; thread: ThreadView }> {
  const name = docName();
  await createDoc(server, name, 'Hello brave new world');
  const token = await tokenFor('comment', OWNER.sub, OWNER.name);
  const res = await call(server, commentsPath(name), { token, method: 'POST', body: { quote: 'brave', body: 'mine' } });
  return { name, thread: res.json as ThreadView };
}

type Action = 'create' | 'reply' | 'resolve' | 'edit-other' | 'delete-other' | 'text-edit';

function actionUpdate(
  doc: Y.Doc,
  action: Action,
  thread: ThreadView,
  actor: { sub: string; name: string },
): Uint8Array {
  const ids = { threadId: thread.id, commentId: thread.comments[0]!.id };
  return updateOf(doc, (d) => {
    if (action === 'create') startThread(d, 'world', actor, 'new thread');
    if (action === 'reply') addReply(d, thread.id, { id: 'r1', author: actor, body: 'a reply', now: 1 }, 'test');
    if (action === 'resolve') setResolved(d, thread.id, true, 'test');
    if (action === 'edit-other') editComment(d, ids, 'changed by someone else', 2, 'test');
    if (action === 'delete-other') deleteComment(d, ids, 'test');
    if (action === 'text-edit') (d.get('root', Y.XmlText).toDelta()[0]?.insert as Y.XmlText).insert(1, 'EDIT ');
  });
}

/** Whether the server's copy shows the action's effect. */
async function isApplied(server: TestServer, name: string, action: Action): Promise<boolean> {
  const threads = await threadsOf(server, name);
  const first = threads.find((thread) => thread.comments[0]?.author.sub === OWNER.sub);
  switch (action) {
    case 'create':
      return threads.length === 2;
    case 'reply':
      return first?.comments.length === 2;
    case 'resolve':
      return first?.resolved === true;
    case 'edit-other':
      return first?.comments[0]?.body !== 'mine';
    case 'delete-other':
      return first === undefined;
    case 'text-edit':
      return (await textOf(server, name)).includes('EDIT');
  }
}

const ACTIONS: Action[] = ['create', 'reply', 'resolve', 'edit-other', 'delete-other', 'text-edit'];
const ALLOWED: Record<AccessLevel, Action[]> = {
  read: [],
  comment: ['create', 'reply', 'resolve'],
  write: ['create', 'reply', 'resolve', 'text-edit'],
  admin: ['create', 'reply', 'resolve', 'text-edit'],
};

describe('the access matrix over a WebSocket (SPEC: Access, Comments)', () => {
  for (const access of ['read', 'comment', 'write', 'admin'] as const) {
    it(`${access}: ${ALLOWED[access].join(', ') || 'nothing'} applied; the rest refused and never stored`, async () => {
      const server = await start();
      const token = await tokenFor(access, `user-${access}`);
      for (const action of ACTIONS) {
        const { name, thread } = await docWithThread(server);
        const update = actionUpdate(await stateOf(server, name), action, thread, {
          sub: `user-${access}`,
          name: `user-${access}`,
        });
        const outcome = await sendOverWebSocket(server, name, update, token);
        const isAllowed = ALLOWED[access].includes(action);
        // Someone else's comment is an invalid update (1003); text from read and comment
        // connections gets permission-denied, like any read-only edit, and the socket stays.
        const expected = action.endsWith('-other') && access !== 'read' ? CloseCode.UnsupportedData : null;
        expect([action, outcome, await isApplied(server, name, action)]).toEqual([action, expected, isAllowed]);
      }
    });
  }
});

describe('forged authors (SPEC: Comments)', () => {
  const senders: [string, UpdateSender][] = [
    ['a raw WebSocket', sendOverWebSocket],
    ['the HTTP transport', sendOverHttp],
  ];
  for (const [label, send] of senders) {
    it(`over ${label}: a comment under another author, or another's comment changed, is refused, never stored or relayed`, async () => {
      const server = await start();
      const { name, thread } = await docWithThread(server);
      const watcher = clients.connect(server.wsUrl, name, { params: { token: await tokenFor('read') } });
      await watcher.synced;
      const mallory = await tokenFor('comment', 'mallory', 'Mallory');
      const forgeries = [
        actionUpdate(await stateOf(server, name), 'create', thread, OWNER),
        actionUpdate(await stateOf(server, name), 'reply', thread, OWNER),
        actionUpdate(await stateOf(server, name), 'edit-other', thread, OWNER),
        actionUpdate(await stateOf(server, name), 'delete-other', thread, OWNER),
      ];
      for (const forged of forgeries) expect(await send(server, name, forged, mallory)).toBe(CloseCode.UnsupportedData);
      // A genuine comment after them arrives; the forged ones never did.
      const genuine = actionUpdate(await stateOf(server, name), 'reply', thread, { sub: 'mallory', name: 'Mallory' });
      expect(await send(server, name, genuine, mallory)).toBeNull();
      await waitFor(() => readThreads(watcher.doc)[0]?.comments.length === 2, { what: 'the genuine reply' });
      const seen = readThreads(watcher.doc);
      expect(seen.map((t) => t.comments.map((c) => [c.author.sub, c.body]))).toEqual([
        [
          ['owner', 'mine'],
          ['mallory', 'a reply'],
        ],
      ]);
      expect((await threadsOf(server, name)).map((t) => t.comments.length)).toEqual([2]);
      const restarted = servers.track(await server.restart());
      expect((await threadsOf(restarted, name))[0]!.comments.map((c) => c.body)).toEqual(['mine', 'a reply']);
    });
  }

  it('over the update API: 403 for another author, and nothing stored', async () => {
    const server = await start();
    const { name, thread } = await docWithThread(server);
    const writer = await tokenFor('write', 'wes');
    const post = async (update: Uint8Array): Promise<number> => {
      const res = await fetch(`${server.url}/api/docs/${encodeURIComponent(name)}/updates`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', Authorization: `Bearer ${writer}` },
        body: update,
      });
      await res.arrayBuffer();
      return res.status;
    };
    expect(await post(actionUpdate(await stateOf(server, name), 'create', thread, OWNER))).toBe(403);
    expect(await post(actionUpdate(await stateOf(server, name), 'edit-other', thread, OWNER))).toBe(403);
    expect((await threadsOf(server, name)).map((t) => t.comments.map((c) => c.body))).toEqual([['mine']]);
    expect(await post(actionUpdate(await stateOf(server, name), 'create', thread, { sub: 'wes', name: 'wes' }))).toBe(
      200,
    );
    expect(await threadsOf(server, name)).toHaveLength(2);
    // The open-server helper is for tokenless servers: here it is refused at the door.
    expect(await postUpdate(server.url, name, new Uint8Array([0, 0]))).toBe(401);
  });

  it('an author edits and deletes their own comment; a thread with only deleted comments is no longer listed', async () => {
    const server = await start();
    const { name, thread } = await docWithThread(server);
    const owner = await tokenFor('comment', OWNER.sub, OWNER.name);
    const ids = { threadId: thread.id, commentId: thread.comments[0]!.id };
    const edit = updateOf(await stateOf(server, name), (d) => editComment(d, ids, 'edited', 5, 'test'));
    expect(await sendOverWebSocket(server, name, edit, owner)).toBeNull();
    expect((await threadsOf(server, name))[0]!.comments[0]).toMatchObject({
      body: 'edited',
      editedAt: expect.any(String),
    });
    const removal = updateOf(await stateOf(server, name), (d) => deleteComment(d, ids, 'test'));
    expect(await sendOverWebSocket(server, name, removal, owner)).toBeNull();
    expect(await threadsOf(server, name)).toEqual([]);
  });
});
