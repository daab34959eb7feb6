import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readThreads } from '@quire/shared/comments';
import {
  closeCodesOf,
  docName,
  startTestServer,
  TEST_SECRET,
  useClients,
  useServers,
  waitFor,
  type TestServer,
} from './helpers.js';
import {
  call,
  commentsPath,
  createDoc,
  startThread,
  stateOf,
  threadsOf,
  tokenFor,
  updateOf,
} from './comment-helpers.js';
import { sendOverHttp, sendOverWebSocket } from './update-senders.js';

/**
 * SPEC: Comments — a comment's author is the connection's `sub`, shown with the token's
 * name. A comment written offline under the token's earlier name is the same author's:
 * it is accepted when the page is back (never refused and resent on every reconnect),
 * and shown under the token's current name. Another `sub` is still refused.
 */
const servers = useServers();
const clients = useClients();

async function start(): Promise<TestServer> {
  return servers.track(await startTestServer({ authSecret: TEST_SECRET }));
}

describe('a comment written under the token’s earlier name (SPEC: Comments)', () => {
  it('is accepted on reconnect with the renamed token, shown under the new name, with no refusal', async () => {
    const server = await start();
    const name = docName();
    await createDoc(server, name, 'Hello brave new world');
    const doc = new Y.Doc();
    const before = clients.connect(server.wsUrl, name, {
      doc,
      params: { token: await tokenFor('comment', 'ada', 'Ada') },
    });
    await before.synced;
    before.provider.disconnect();
    startThread(doc, 'brave', { sub: 'ada', name: 'Ada' }, 'written offline');

    // The page comes back with a token issued since, under the person's full name.
    const after = clients.connect(server.wsUrl, name, {
      doc,
      params: { token: await tokenFor('comment', 'ada', 'Ada Lovelace') },
    });
    const refusals = closeCodesOf(after);
    await after.synced;
    await waitFor(() => readThreads(doc)[0]?.comments[0]?.author.name === 'Ada Lovelace', {
      what: 'the comment shown under the token’s name on the page that wrote it',
    });
    expect(refusals).toEqual([]);
    expect(after.provider.wsconnected).toBe(true);
    const [thread] = await threadsOf(server, name);
    expect(thread).toMatchObject({ quote: 'brave', comments: [{ author: { sub: 'ada', name: 'Ada Lovelace' } }] });
    expect(thread!.comments.map((comment) => comment.body)).toEqual(['written offline']);

    const restarted = servers.track(await server.restart());
    expect((await threadsOf(restarted, name))[0]!.comments[0]!.author).toEqual({ sub: 'ada', name: 'Ada Lovelace' });
  });

  it('over the HTTP transport and the update API too; another sub under any name is still refused', async () => {
    const server = await start();
    const name = docName();
    await createDoc(server, name, 'Hello brave new world');
    const token = await tokenFor('comment', 'cara', 'Cara');
    const stale = updateOf(await stateOf(server, name), (d) => startThread(d, 'brave', { sub: 'cara', name: 'C.' }));
    expect(await sendOverHttp(server, name, stale, token)).toBeNull();
    const viaApi = updateOf(await stateOf(server, name), (d) => startThread(d, 'world', { sub: 'cara', name: 'Old' }));
    const res = await fetch(`${server.url}/api/docs/${encodeURIComponent(name)}/updates`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/octet-stream',
        Authorization: `Bearer ${await tokenFor('write', 'cara', 'Cara')}`,
      },
      body: viaApi,
    });
    expect(res.status).toBe(200);
    const threads = await threadsOf(server, name);
    expect(threads.map((t) => [t.quote, t.comments[0]!.author])).toEqual([
      ['brave', { sub: 'cara', name: 'Cara' }],
      ['world', { sub: 'cara', name: 'Cara' }],
    ]);

    const forged = updateOf(await stateOf(server, name), (d) => startThread(d, 'new', { sub: 'ada', name: 'Cara' }));
    expect(await sendOverWebSocket(server, name, forged, token)).toBe(1003);
    const listed = await call(server, commentsPath(name), { token });
    expect((listed.json as { threads: unknown[] }).threads).toHaveLength(2);
  });
});
