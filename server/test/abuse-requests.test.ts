import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocListResponse } from '@quire/shared';
import { docName, startTestServer, useClients, waitFor, type TestClient, type TestServer } from './helpers.js';
import { rawRequest, rawUpgrade } from './raw-http.js';

/**
 * Issue 18, finding 10: slow headers are dropped within the promised handshake time, and
 * names that hide what they are (dot segments, invisible or direction-changing
 * characters) are refused with 400 on every route.
 */
let server: TestServer;
afterEach(async () => {
  await server?.close();
});
const clients = useClients();

async function stillEditing([editor, watcher]: [TestClient, TestClient], text: string): Promise<void> {
  editor.text.insert(editor.text.length, text);
  await waitFor(() => watcher.text.toString().includes(text), { what: 'another client sees the edit' });
}

describe('slow headers (issue 18; README limits: time to send the request headers)', () => {
  it('a socket that never finishes its headers is dropped within the handshake timeout', async () => {
    // Node's own timers drive this, so it runs in real time: a short timeout keeps it quick.
    const handshakeTimeoutMs = 500;
    server = await startTestServer({ handshakeTimeoutMs });
    const name = docName();
    const pair = await clients.pair(server.wsUrl, name);
    const slow = connect(server.port, '127.0.0.1');
    slow.on('error', () => undefined);
    let answer = '';
    let isClosed = false;
    slow.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    slow.on('close', () => (isClosed = true));
    slow.write(`GET /${name} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n`);

    await waitFor(() => isClosed, { timeoutMs: 2 * handshakeTimeoutMs, what: 'the slow socket to be dropped' });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    await stillEditing(pair, 'not held up');
  });
});

describe('names that hide what they are (issue 18; SPEC: WebSocket names)', () => {
  const SNEAKY_PATHS = [
    '/team/./secret',
    '/team/x/../secret',
    '/team/%2e/secret',
    '/team/%2E%2E/team/secret',
    '/team\\secret',
    '/team%2F.%2Fsecret',
    '/team/se%E2%80%AEcret',
    '/team/se%E2%80%8Bcret',
    '/team/se%EF%BB%BFcret',
  ];

  it('WebSocket upgrades with dot segments, backslashes or invisible characters get 400 and open nothing', async () => {
    server = await startTestServer();
    const pair = await clients.pair(server.wsUrl, 'team/secret');
    for (const path of SNEAKY_PATHS) expect([path, await rawUpgrade(server.url, path)]).toEqual([path, 400]);
    await stillEditing(pair, 'only the real name');
    const list = JSON.parse((await rawRequest(server.url, '/api/docs')).body) as DocListResponse;
    expect(list.docs.map((doc) => doc.name).filter((n) => n.startsWith('team'))).toEqual(['team/secret']);
  });

  it('/api routes with the same names get 400 (names with / are sent encoded there)', async () => {
    server = await startTestServer();
    const pair = await clients.pair(server.wsUrl, 'team/secret');
    const apiPaths = [
      ...SNEAKY_PATHS.slice(0, 5),
      ...SNEAKY_PATHS.slice(5).map((path) => `/${path.slice(1).replaceAll('/', '%2F')}`),
    ].map((path) => `/api/docs${path}`);
    for (const apiPath of apiPaths) {
      for (const [method, suffix] of [
        ['GET', '?format=text'],
        ['DELETE', ''],
        ['GET', '/versions'],
      ] as const) {
        const answer = await rawRequest(server.url, `${apiPath}${suffix}`, { method });
        expect([apiPath, method, answer.status]).toEqual([apiPath, method, 400]);
        expect(JSON.parse(answer.body)).toEqual({ error: expect.any(String) });
      }
    }
    await stillEditing(pair, 'still there');
  });
});
