import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ThreadView } from '@quire/shared';
import { docName, startTestServer, TEST_SECRET, useClients, useServers, waitFor, type TestServer } from './helpers.js';
import { call, commentsPath, createDoc, textOf, threadsOf, tokenFor } from './comment-helpers.js';

/**
 * SPEC: Comments — a thread shows the words it is on now, "" once they are all deleted.
 * When those words come back (a version restore, or typed again where they were), the
 * thread is on them again, in the API as in the editor (both read threads the same way).
 */
const servers = useServers();
const clients = useClients();

async function start(): Promise<TestServer> {
  return servers.track(await startTestServer({ authSecret: TEST_SECRET }));
}

const quotes = async (server: TestServer, name: string): Promise<string[]> =>
  (await threadsOf(server, name)).map((thread) => thread.quote);

async function startThread(server: TestServer, name: string, quote: string): Promise<ThreadView> {
  const token = await tokenFor('comment', 'cara', 'Cara');
  const res = await call(server, commentsPath(name), { token, method: 'POST', body: { quote, body: 'note' } });
  expect(res.status).toBe(201);
  return res.json as ThreadView;
}

describe('a thread whose words come back (SPEC: Comments)', () => {
  it('is on its words again after a version restore brings them back, also after a restart', async () => {
    const server = await start();
    const name = docName();
    await createDoc(server, name, 'Hello brave new world\n\nA second paragraph');
    const admin = await tokenFor('admin');
    const path = `/docs/${encodeURIComponent(name)}`;
    const version = await call(server, `${path}/versions`, { token: admin, method: 'POST', body: { label: 'v1' } });
    await startThread(server, name, 'brave');
    const put = await fetch(`${server.url}/api${path}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/markdown', Authorization: `Bearer ${admin}` },
      body: 'Hello new world\n\nA second paragraph',
    });
    expect(put.status).toBe(200);
    expect(await quotes(server, name)).toEqual(['']);

    const restore = `${path}/versions/${(version.json as { id: string }).id}/restore`;
    expect((await call(server, restore, { token: admin, method: 'POST' })).status).toBe(200);
    expect(await textOf(server, name)).toContain('Hello brave new world');
    expect(await quotes(server, name)).toEqual(['brave']);
    const restarted = servers.track(await server.restart());
    expect(await quotes(restarted, name)).toEqual(['brave']);
  });

  it('is on its words again when they are typed back where they were, not when they appear elsewhere', async () => {
    const server = await start();
    const name = docName();
    await createDoc(server, name, 'Hello brave new world\n\nA second paragraph');
    await startThread(server, name, 'brave');
    const writer = clients.connect(server.wsUrl, name, { params: { token: await tokenFor('write', 'wes') } });
    await writer.synced;
    const [first, second] = writer.doc
      .get('root', Y.XmlText)
      .toDelta()
      .map((op: { insert: unknown }) => op.insert as Y.XmlText);
    // Each paragraph holds its text node's properties (one item), then the characters.
    const at = 1 + 'Hello '.length;
    first!.delete(at, 'brave '.length);
    await waitFor(async () => (await quotes(server, name))[0] === '', { what: 'the thread losing its words' });
    second!.insert(1, 'brave ');
    await waitFor(async () => (await textOf(server, name)).includes('brave A second'), { what: 'the words elsewhere' });
    expect(await quotes(server, name)).toEqual(['']);
    first!.insert(at, 'brave ');
    await waitFor(async () => (await quotes(server, name))[0] === 'brave', { what: 'the thread on its words again' });
  });
});
