import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from '@quire/shared';
import {
  ManualClock,
  docName,
  rawSocket,
  startTestServer,
  useClients,
  waitFor,
  type TestClient,
  type TestServer,
} from './helpers.js';

/** SPEC: WebSocket — the stock y-websocket client works unchanged against Quire. */
let server: TestServer;
afterEach(async () => {
  await server?.close();
});
const clients = useClients();

function client(name: string, params?: Record<string, string>): TestClient {
  return clients.connect(server.wsUrl, name, params ? { params } : {});
}

describe('y-websocket interop (SPEC: WebSocket)', () => {
  it('three clients editing one document converge on Y.Text and Y.Map', async () => {
    server = await startTestServer();
    const name = docName();
    const [a, b, c] = [client(name), client(name), client(name)];
    await Promise.all([a.synced, b.synced, c.synced]);
    a.text.insert(0, 'alpha ');
    b.text.insert(0, 'beta ');
    c.doc.getMap('m').set('c', 3);
    a.doc.getMap('m').set('a', 1);
    const expected = (x: TestClient): string =>
      JSON.stringify([x.text.toString(), [...x.doc.getMap('m').entries()].sort()]);
    await waitFor(() => expected(a) === expected(b) && expected(b) === expected(c) && a.text.length === 11, {
      what: 'convergence',
    });
    expect(a.text.toString()).toContain('alpha');
    expect(c.doc.getMap('m').toJSON()).toEqual({ a: 1, c: 3 });
  });

  it('a late joiner receives everything written before it came', async () => {
    server = await startTestServer();
    const name = docName();
    const a = client(name);
    await a.synced;
    for (let i = 0; i < 50; i++) a.text.insert(a.text.length, `${i},`);
    const late = client(name);
    await late.synced;
    await waitFor(() => late.text.toString() === a.text.toString(), { what: 'late joiner' });
    expect(late.text.toString().startsWith('0,1,2,')).toBe(true);
  });

  it('awareness appears on the others and disappears when the socket closes', async () => {
    server = await startTestServer();
    const name = docName();
    const a = client(name);
    const b = client(name);
    await Promise.all([a.synced, b.synced]);
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    const aId = a.doc.clientID;
    await waitFor(
      () =>
        (b.provider.awareness.getStates().get(aId) as { user?: { name: string } } | undefined)?.user?.name === 'Ada',
      {
        what: 'awareness relayed',
      },
    );
    a.provider.ws?.close();
    a.provider.shouldConnect = false;
    await waitFor(() => !b.provider.awareness.getStates().has(aId), { what: 'awareness removed' });
  });

  it('a late joiner receives current presence, and query-awareness returns it', async () => {
    server = await startTestServer();
    const name = docName();
    const a = client(name);
    await a.synced;
    a.provider.awareness.setLocalStateField('user', { name: 'Grace' });
    await waitFor(async () => (await fetchHealth()).connections === 1);
    const raw = rawSocket(server.wsUrl, name);
    await raw.opened;
    const awarenessNames = (): string[] =>
      raw.messages.filter((m) => m[0] === MessageType.Awareness).map((m) => new TextDecoder().decode(m));
    await waitFor(() => awarenessNames().some((text) => text.includes('Grace')), { what: 'initial awareness' });
    const before = awarenessNames().length;
    raw.ws.send(Uint8Array.of(MessageType.QueryAwareness));
    await waitFor(() => awarenessNames().length > before && awarenessNames().at(-1)!.includes('Grace'), {
      what: 'query-awareness reply',
    });
    raw.ws.close();
  });

  it('a client that stops answering pings is dropped and its presence removed', async () => {
    const clock = new ManualClock();
    server = await startTestServer({ pingIntervalMs: 100, clock });
    const name = docName();
    const watcher = client(name);
    await watcher.synced;
    const silent = new WebSocket(`${server.wsUrl}/${name}`, { autoPong: false });
    const heard: Uint8Array[] = [];
    silent.on('message', (data: Buffer) => heard.push(new Uint8Array(data)));
    const closed = new Promise<void>((resolve) => silent.once('close', () => resolve()));
    await new Promise<void>((resolve) => silent.once('open', () => resolve()));
    const awareness = encoding.createEncoder();
    encoding.writeVarUint(awareness, MessageType.Awareness);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, 4242);
    encoding.writeVarUint(inner, 1);
    encoding.writeVarString(inner, JSON.stringify({ user: { name: 'Ghost' } }));
    encoding.writeVarUint8Array(awareness, encoding.toUint8Array(inner));
    silent.send(encoding.toUint8Array(awareness));
    await waitFor(() => watcher.provider.awareness.getStates().has(4242), { what: 'ghost presence' });
    const pinged = new Promise<void>((resolve) =>
      (watcher.provider.ws as unknown as WebSocket).once('ping', () => resolve()),
    );
    clock.advance(100);
    await pinged;
    // The watcher's pong went out before this presence change: once the silent client hears
    // the change, the server has the pong, and only the silent client missed one.
    watcher.provider.awareness.setLocalStateField('pinged', true);
    await waitFor(
      () => heard.some((m) => m[0] === MessageType.Awareness && new TextDecoder().decode(m).includes('pinged')),
      {
        what: 'the watcher to be heard after the ping',
      },
    );
    clock.advance(100);
    await closed;
    await waitFor(() => !watcher.provider.awareness.getStates().has(4242), { what: 'ghost removed' });
  });

  it('?ack=1 clients receive the durable state vector covering their edits (message 100)', async () => {
    server = await startTestServer();
    const name = docName();
    const raw = rawSocket(server.wsUrl, `${name}?ack=1`);
    await raw.opened;
    const a = client(name);
    await a.synced;
    a.text.insert(0, 'saved text');
    const clock = Y.getState(a.doc.store, a.doc.clientID);
    const ackedClock = (): number => {
      const acks = raw.messages.filter((m) => m[0] === MessageType.Ack);
      const last = acks.at(-1);
      if (!last) return -1;
      const decoder = decoding.createDecoder(last);
      decoding.readVarUint(decoder);
      return Y.decodeStateVector(decoding.readVarUint8Array(decoder)).get(a.doc.clientID) ?? 0;
    };
    await waitFor(() => ackedClock() === clock, { what: 'ack with the edit' });
    const stock = client(name);
    await stock.synced;
    expect(stock.provider.ws).toBeTruthy();
    raw.ws.close();
  });

  async function fetchHealth(): Promise<{ connections: number; docsLoaded: number }> {
    const res = await fetch(`${server.url}/healthz`);
    return (await res.json()) as { connections: number; docsLoaded: number };
  }
});
