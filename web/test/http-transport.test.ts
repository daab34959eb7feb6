import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { CloseCode, MessageType, NO_SUCH_DOCUMENT } from '@quire/shared';
import { HttpSyncProvider } from '../src/collab/http-provider.js';
import {
  ManualClock,
  docName,
  makeToken,
  startTestServer,
  useClients,
  waitFor,
  type TestClient,
  type TestServer,
} from './support/server.js';

/**
 * SPEC: When WebSockets are blocked — the HTTP transport, proven against a real server with
 * the web client (`HttpSyncProvider`) beside a stock y-websocket client. It lives with the
 * web tests because it drives web source; server tests never import web code.
 */
let server: TestServer;

afterEach(async () => {
  await server?.close();
});
const clients = useClients();

function httpClient(name: string, params: Record<string, string> = {}, heartbeatMs = 1_000): HttpSyncProvider {
  return clients.track(new HttpSyncProvider(server.url, name, new Y.Doc(), { params, heartbeatMs, maxBackoffMs: 500 }));
}

const wsClient = (name: string, params?: Record<string, string>): TestClient =>
  clients.connect(server.wsUrl, name, params ? { params } : {});

const textOf = (doc: Y.Doc): string => doc.getText('t').toString();

async function openStream(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; session?: string; close(): void }> {
  const abort = new AbortController();
  const res = await fetch(`${server.url}${path}`, { signal: abort.signal, headers });
  if (!res.ok || !res.body) return { status: res.status, close: () => abort.abort() };
  const reader = res.body.getReader();
  let text = '';
  while (!/event: session\ndata: (\S+)/.test(text)) {
    const { value } = await reader.read();
    text += new TextDecoder().decode(value);
  }
  return { status: res.status, session: /event: session\ndata: (\S+)/.exec(text)?.[1], close: () => abort.abort() };
}

describe('HTTP transport (SPEC: When WebSockets are blocked)', () => {
  it('an HTTP client and a stock WebSocket client edit together, see each other and get acks', async () => {
    server = await startTestServer();
    const name = docName();
    const overHttp = httpClient(name, { ack: '1' });
    const overWs = wsClient(name);
    const acks: Uint8Array[] = [];
    overHttp.on('ack', (sv) => acks.push(sv));
    await overWs.synced;
    await waitFor(() => overHttp.synced, { what: 'http synced' });
    overHttp.doc.getText('t').insert(0, 'from http ');
    overWs.text.insert(0, 'from ws ');
    await waitFor(() => textOf(overHttp.doc) === overWs.text.toString() && overWs.text.length === 18, {
      what: 'convergence',
    });
    overHttp.awareness.setLocalStateField('user', { name: 'Blocked Bob' });
    overWs.provider.awareness.setLocalStateField('user', { name: 'Open Olga' });
    await waitFor(() => overWs.provider.awareness.getStates().has(overHttp.doc.clientID), {
      what: 'http presence on ws',
    });
    await waitFor(() => overHttp.awareness.getStates().has(overWs.doc.clientID), { what: 'ws presence on http' });
    const clock = Y.getState(overHttp.doc.store, overHttp.doc.clientID);
    await waitFor(() => acks.some((sv) => (Y.decodeStateVector(sv).get(overHttp.doc.clientID) ?? 0) >= clock), {
      what: 'ack',
    });
  });

  it('resyncs after a reconnect and keeps edits made while disconnected', async () => {
    server = await startTestServer();
    const name = docName();
    const overHttp = httpClient(name);
    const overWs = wsClient(name);
    await waitFor(() => overHttp.synced);
    overHttp.disconnect();
    overHttp.doc.getText('t').insert(0, 'offline words');
    overWs.text.insert(0, 'online ');
    overHttp.connect();
    await waitFor(() => textOf(overHttp.doc) === overWs.text.toString() && overWs.text.length === 20, {
      what: 'merged',
    });
  });

  it('a client that stops polling is dropped from presence', async () => {
    const clock = new ManualClock();
    server = await startTestServer({ clock });
    const name = docName();
    const watcher = wsClient(name);
    await watcher.synced;
    const stream = await openStream(`/api/docs/${name}/events`);
    const awareness = encoding.createEncoder();
    encoding.writeVarUint(awareness, MessageType.Awareness);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, 9191);
    encoding.writeVarUint(inner, 1);
    encoding.writeVarString(inner, JSON.stringify({ user: { name: 'Silent' } }));
    encoding.writeVarUint8Array(awareness, encoding.toUint8Array(inner));
    const body = encoding.createEncoder();
    encoding.writeVarUint8Array(body, encoding.toUint8Array(awareness));
    await fetch(`${server.url}/api/docs/${name}/events/${stream.session}`, {
      method: 'POST',
      body: encoding.toUint8Array(body),
    });
    await waitFor(() => watcher.provider.awareness.getStates().has(9191), { what: 'presence shown' });
    // Silence on the server's clock: heartbeats find the session gone quiet and drop it.
    await waitFor(
      () => {
        clock.advance(10_000);
        return !watcher.provider.awareness.getStates().has(9191);
      },
      { what: 'presence removed after silence' },
    );
    stream.close();
  });

  it('applies the same access checks: 401 without token, 403 for other documents and origins, read-only refused', async () => {
    const secret = 'http-transport-secret-0123456789';
    server = await startTestServer({ authSecret: secret });
    const sign = (docs: string[], access: 'read' | 'write' | 'admin'): Promise<string> =>
      makeToken({ secret, docs, access, sub: 'u' });
    const name = docName();
    expect((await openStream(`/api/docs/${name}/events`)).status).toBe(401);
    expect((await openStream(`/api/docs/${name}/events?token=${await sign(['other'], 'write')}`)).status).toBe(403);
    expect(
      (
        await openStream(`/api/docs/${name}/events?token=${await sign(['*'], 'write')}`, {
          Origin: 'https://evil.example',
        })
      ).status,
    ).toBe(403);
    const writer = wsClient(name, { token: await sign(['*'], 'write') });
    await writer.synced;
    writer.text.insert(0, 'written');
    const reader = httpClient(name, { token: await sign([name], 'read') });
    const denied: string[] = [];
    reader.on('permission-denied', (reason) => denied.push(reason));
    await waitFor(() => textOf(reader.doc) === 'written', { what: 'reader sees text' });
    reader.doc.getText('t').insert(0, 'nope ');
    await waitFor(() => denied.length > 0, { what: 'permission denied' });
    expect(writer.text.toString()).toBe('written');
  });

  it('malformed bodies, oversized frames and unknown sessions get 4xx; the server carries on', async () => {
    server = await startTestServer({ maxMessageBytes: 4 * 1024 });
    const name = docName();
    const editor = wsClient(name);
    const watcher = wsClient(name);
    await Promise.all([editor.synced, watcher.synced]);
    const post = (session: string | undefined, body: Uint8Array<ArrayBuffer>): Promise<Response> =>
      fetch(`${server.url}/api/docs/${name}/events/${session}`, { method: 'POST', body });
    const first = await openStream(`/api/docs/${name}/events`);
    expect((await post(first.session, Uint8Array.of(0x80))).status).toBe(400);
    const second = await openStream(`/api/docs/${name}/events`);
    const big = encoding.createEncoder();
    encoding.writeVarUint8Array(big, new Uint8Array(4 * 1024 + 10));
    expect((await post(second.session, encoding.toUint8Array(big))).status).toBe(413);
    expect((await post('no-such-session', new Uint8Array(0))).status).toBe(404);
    const third = await openStream(`/api/docs/${name}/events`);
    const garbage = encoding.createEncoder();
    encoding.writeVarUint8Array(garbage, Uint8Array.of(MessageType.Sync, 2, 3, 9, 9, 9));
    expect((await post(third.session, encoding.toUint8Array(garbage))).status).toBe(204);
    editor.text.insert(0, 'still fine');
    await waitFor(() => watcher.text.toString() === 'still fine', { what: 'editing continues' });
    for (const s of [first, second, third]) s.close();
  });

  it('--http-fallback off removes the transport', async () => {
    server = await startTestServer({ httpFallback: false });
    expect((await openStream(`/api/docs/${docName()}/events`)).status).toBe(404);
  });

  it('the stream carries the close code, and final codes stop reconnecting', async () => {
    server = await startTestServer();
    const name = docName();
    const overHttp = httpClient(name);
    await waitFor(() => overHttp.synced);
    const codes: number[] = [];
    overHttp.on('connection-close', (event) => event && codes.push(event.code));
    await fetch(`${server.url}/api/docs/${name}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/markdown' },
      body: 'x',
    });
    await fetch(`${server.url}/api/docs/${name}`, { method: 'DELETE' });
    await waitFor(() => codes.includes(CloseCode.DocumentDeleted), { what: '4404 over http' });
    expect(overHttp.shouldConnect).toBe(false);
  });

  it("a read-only client of a document nobody created is closed with 4404 'no such document' and stops (SPEC: Access)", async () => {
    const secret = 'http-transport-secret-0123456789';
    server = await startTestServer({ authSecret: secret });
    const token = await makeToken({ secret, docs: ['*'], access: 'read', sub: 'reader' });
    const provider = clients.track(
      new HttpSyncProvider(server.url, docName(), new Y.Doc(), { params: { token }, maxBackoffMs: 100 }),
    );
    const closed = new Promise<{ code: number; reason: string }>((resolve) => provider.once('closed', resolve));
    expect(await closed).toEqual({ code: CloseCode.DocumentDeleted, reason: NO_SUCH_DOCUMENT });
    expect(provider.shouldConnect).toBe(false);
  });
});
