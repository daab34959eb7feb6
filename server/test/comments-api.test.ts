import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ThreadView, CommentView } from '@quire/shared';
import { readThreads } from '@quire/shared/comments';
import {
  docName,
  runCli,
  startTestServer,
  TEST_SECRET,
  useClients,
  useServers,
  waitFor,
  type TestServer,
} from './helpers.js';
import { call, commentsPath, createDoc, textOf, threadsOf, tokenFor } from './comment-helpers.js';

/** SPEC: Comments — threads for programs over REST, live in editors, left out of exports and restores. */
const servers = useServers();
const clients = useClients();

async function start(): Promise<TestServer> {
  return servers.track(await startTestServer({ authSecret: TEST_SECRET }));
}

async function docWithText(server: TestServer): Promise<string> {
  const name = docName();
  await createDoc(server, name, 'Hello brave new world\n\nA second paragraph with brave words');
  return name;
}

describe('comments over REST (SPEC: Comments)', () => {
  it('starts a thread on the first occurrence of a quote, replies, resolves and reopens, by the token holder', async () => {
    const server = await start();
    const name = await docWithText(server);
    const cara = await tokenFor('comment', 'cara', 'Cara');
    const created = await call(server, commentsPath(name), {
      token: cara,
      method: 'POST',
      body: { quote: 'brave', body: 'Which brave?' },
    });
    expect(created.status).toBe(201);
    const thread = created.json as ThreadView;
    expect(thread).toMatchObject({ quote: 'brave', resolved: false });
    expect(thread.comments).toEqual([
      expect.objectContaining({ author: { sub: 'cara', name: 'Cara' }, body: 'Which brave?' }),
    ]);

    const reply = await call(server, `${commentsPath(name)}/${thread.id}/replies`, {
      token: await tokenFor('write', 'wes'),
      method: 'POST',
      body: { body: 'The first one' },
    });
    expect(reply.status).toBe(201);
    expect(reply.json as CommentView).toMatchObject({ author: { sub: 'wes', name: 'wes' }, body: 'The first one' });

    const resolved = await call(server, `${commentsPath(name)}/${thread.id}/resolve`, { token: cara, method: 'POST' });
    expect([resolved.status, (resolved.json as ThreadView).resolved]).toEqual([200, true]);
    const listed = await threadsOf(server, name);
    expect(listed).toHaveLength(1);
    expect(listed[0]!.comments.map((comment) => comment.body)).toEqual(['Which brave?', 'The first one']);
    expect(listed[0]!.resolved).toBe(true);
    const reopened = await call(server, `${commentsPath(name)}/${thread.id}/reopen`, { token: cara, method: 'POST' });
    expect([reopened.status, (reopened.json as ThreadView).resolved]).toEqual([200, false]);
  });

  it('lists threads in document order, with the quote as the text is now', async () => {
    const server = await start();
    const name = await docWithText(server);
    const token = await tokenFor('comment');
    for (const quote of ['second paragraph', 'Hello']) {
      expect(
        (await call(server, commentsPath(name), { token, method: 'POST', body: { quote, body: 'x' } })).status,
      ).toBe(201);
    }
    expect((await threadsOf(server, name)).map((thread) => thread.quote)).toEqual(['Hello', 'second paragraph']);
  });

  it('answers 422 for a quote the text lacks, 400 for bad bodies, 404 for unknown threads and documents', async () => {
    const server = await start();
    const name = await docWithText(server);
    const token = await tokenFor('comment');
    const post = (path: string, body: unknown): Promise<{ status: number; json: unknown }> =>
      call(server, path, { token, method: 'POST', body });
    expect((await post(commentsPath(name), { quote: 'missing words', body: 'x' })).status).toBe(422);
    expect((await post(commentsPath(name), { quote: 'Hello' })).status).toBe(400);
    expect((await post(commentsPath(name), { quote: 'Hello', body: '   ' })).status).toBe(400);
    expect((await post(commentsPath(name), { quote: 'Hello', body: 'x'.repeat(10_001) })).status).toBe(400);
    expect((await post(commentsPath(name), 'not an object')).status).toBe(400);
    expect((await post(`${commentsPath(name)}/nope/replies`, { body: 'x' })).status).toBe(404);
    expect((await post(`${commentsPath(name)}/nope/resolve`, {})).status).toBe(404);
    expect((await post(commentsPath(docName()), { quote: 'Hello', body: 'x' })).status).toBe(404);
    const bad = await post(commentsPath(name), { quote: 'missing words', body: 'x' });
    expect(bad.json).toEqual({ error: expect.any(String) });
  });

  it('needs comment access to post and read access to list', async () => {
    const server = await start();
    const name = await docWithText(server);
    const body = { quote: 'Hello', body: 'x' };
    expect((await call(server, commentsPath(name), { method: 'POST', body })).status).toBe(401);
    const reader = await tokenFor('read');
    expect((await call(server, commentsPath(name), { token: reader, method: 'POST', body })).status).toBe(403);
    expect((await call(server, commentsPath(name), { token: reader })).status).toBe(200);
    expect(await threadsOf(server, name)).toEqual([]);
  });

  it('shows a program’s comment in open editors at once, and leaves the text and its exports alone', async () => {
    const server = await start();
    const name = await docWithText(server);
    const before = await textOf(server, name);
    const editor = clients.connect(server.wsUrl, name, { params: { token: await tokenFor('write') } });
    await editor.synced;
    const token = await tokenFor('comment', 'cara', 'Cara');
    await call(server, commentsPath(name), {
      token,
      method: 'POST',
      body: { quote: 'new world', body: 'SECRET-NOTE' },
    });
    await waitFor(() => readThreads(editor.doc).length === 1, { what: 'the comment in the editor' });
    expect(readThreads(editor.doc)[0]).toMatchObject({ quote: 'new world' });
    expect(await textOf(server, name)).toBe(before);
    for (const format of ['markdown', 'html', 'text', 'json']) {
      const res = await fetch(`${server.url}/api/docs/${encodeURIComponent(name)}?format=${format}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect([format, (await res.text()).includes('SECRET-NOTE')]).toEqual([format, false]);
    }
  });

  it('restoring a version restores the text and keeps the comments as they are', async () => {
    const server = await start();
    const name = await docWithText(server);
    const admin = await tokenFor('admin');
    const version = await call(server, `/docs/${encodeURIComponent(name)}/versions`, {
      token: admin,
      method: 'POST',
      body: { label: 'before' },
    });
    const original = await textOf(server, name);
    const token = await tokenFor('comment');
    await call(server, commentsPath(name), { token, method: 'POST', body: { quote: 'second', body: 'kept' } });
    await fetch(`${server.url}/api/docs/${encodeURIComponent(name)}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/markdown', Authorization: `Bearer ${admin}` },
      body: 'Hello brave new world\n\nA second paragraph with brave words\n\nAdded later',
    });
    const restore = await call(
      server,
      `/docs/${encodeURIComponent(name)}/versions/${(version.json as { id: string }).id}/restore`,
      {
        token: admin,
        method: 'POST',
      },
    );
    expect(restore.status).toBe(200);
    expect(await textOf(server, name)).toBe(original);
    const threads = await threadsOf(server, name);
    expect(threads.map((thread) => [thread.quote, thread.comments[0]?.body])).toEqual([['second', 'kept']]);
  });

  it('anchors follow concurrent edits, and are the same after a restart', async () => {
    let server = await start();
    const name = await docWithText(server);
    const token = await tokenFor('comment');
    await call(server, commentsPath(name), { token, method: 'POST', body: { quote: 'brave new', body: 'x' } });
    const [a, b] = await Promise.all(
      ['writer-a', 'writer-b'].map(async (sub) => {
        const client = clients.connect(server.wsUrl, name, { params: { token: await tokenFor('write', sub) } });
        await client.synced;
        return client;
      }),
    );
    // Both edit the paragraph at once: one before the quote, one inside it.
    editParagraph(a!.doc, 0, 'Oh, ');
    editParagraph(b!.doc, 'Hello brave '.length, 'and ');
    await waitFor(async () => (await textOf(server, name)).startsWith('Oh, Hello brave and new world'), {
      what: 'both edits merged',
    });
    expect((await threadsOf(server, name))[0]!.quote).toBe('brave and new');
    server = servers.track(await server.restart());
    expect((await threadsOf(server, name))[0]!.quote).toBe('brave and new');
  });
});

describe('comment tokens from the CLI (SPEC: Access)', () => {
  it('`quire token --access comment` makes a token that may comment and not edit', async () => {
    const server = await start();
    const name = await docWithText(server);
    const run = runCli(['token', '--secret', TEST_SECRET, '--docs', name, '--access', 'comment', '--name', 'Cli Cara']);
    expect((await run.exited).code).toBe(0);
    const token = run.output().trim();
    const res = await call(server, commentsPath(name), {
      token,
      method: 'POST',
      body: { quote: 'world', body: 'cli' },
    });
    expect([res.status, (res.json as ThreadView).comments[0]?.author.name]).toEqual([201, 'Cli Cara']);
    const put = await fetch(`${server.url}/api/docs/${encodeURIComponent(name)}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/markdown', Authorization: `Bearer ${token}` },
      body: 'replaced',
    });
    expect(put.status).toBe(403);
  });
});

/** Inserts `text` at `offset` into the first paragraph's characters, as a client would. */
function editParagraph(doc: Y.Doc, offset: number, text: string): void {
  const paragraph = doc.get('root', Y.XmlText).toDelta()[0]?.insert as Y.XmlText;
  // The paragraph holds its text node's map, then the characters: index 1 is the first one.
  paragraph.insert(1 + offset, text);
}
