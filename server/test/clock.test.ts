import { afterEach, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CloseCode, HTTP_HEARTBEAT_MS, HTTP_MISSED_HEARTBEATS, MessageType, SyncStep } from '@quire/shared';
import type { DocStore } from '../src/index.js';
import { ManualClock, connectClient, docName, rawSocket, startTestServer, waitFor, type RawSocket } from './helpers.js';
import type { TestClient, TestServer } from './helpers.js';
import { awarenessFrame, shownName } from './presence-helpers.js';

/**
 * Everything the server does because time passed (SPEC: WebSocket heartbeats, Guarantees
 * unload, Access token expiry and rate limits, automatic versions), driven by a clock the
 * test moves by hand (`startServer({ clock })`). Sockets and LevelDB stay real; only the
 * server's own timers follow the clock, so each test says exactly when time passes.
 */
const PING_MS = 30_000;
const SECRET = 'clock-test-secret-0123456789abcdef';

let server: TestServer | undefined;
const clients: TestClient[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const ws of sockets.splice(0)) ws.terminate();
  await server?.close();
  server = undefined;
});

function client(name: string, params: Record<string, string> = {}): TestClient {
  const made = connectClient(server!.wsUrl, name, { params });
  clients.push(made);
  return made;
}

function raw(name: string, options: WebSocket.ClientOptions = {}): RawSocket {
  const made = rawSocket(server!.wsUrl, name, options);
  sockets.push(made.ws);
  return made;
}

/** Resolves once `socket` got an answer to a sync step 1 sent now: it is open and served. */
async function roundTrip(socket: RawSocket): Promise<void> {
  const before = socket.messages.length;
  const step1 = Y.encodeStateVector(new Y.Doc());
  socket.ws.send(Uint8Array.of(MessageType.Sync, SyncStep.Step1, step1.length, ...step1));
  await waitFor(() => socket.messages.slice(before).some((m) => m[0] === MessageType.Sync && m[1] === SyncStep.Step2), {
    what: 'the answer to a sync step 1',
  });
}

describe('heartbeats follow the clock (SPEC: WebSocket)', () => {
  it('a client that misses a pong is dropped at the next heartbeat and its presence removed', async () => {
    const clock = new ManualClock();
    server = await startTestServer({ clock, pingIntervalMs: PING_MS });
    const name = docName();
    const watcher = raw(name);
    const observer = client(name);
    const silent = raw(name, { autoPong: false });
    await Promise.all([watcher.opened, silent.opened, observer.synced]);
    silent.ws.send(awarenessFrame([{ clientId: 4242, clock: 1, json: JSON.stringify({ user: { name: 'Ghost' } }) }]));
    await waitFor(() => shownName(observer, 4242) === 'Ghost', { what: 'the ghost to appear' });

    const pinged = new Promise<void>((resolve) => watcher.ws.once('ping', () => resolve()));
    clock.advance(PING_MS);
    await pinged;
    // The watcher's pong went out before this round trip's frame, so the server has it now.
    await roundTrip(watcher);
    await roundTrip(silent);
    expect(shownName(observer, 4242), 'one unanswered ping is not yet a missed pong').toBe('Ghost');

    const dropped = silent.closed;
    clock.advance(PING_MS);
    expect((await dropped).code, 'dropped without a close frame').toBe(1006);
    await waitFor(() => shownName(observer, 4242) === undefined, { what: 'the ghost to be removed' });
    await roundTrip(watcher);
  });
});

describe('HTTP fallback heartbeats follow the clock (SPEC: When WebSockets are blocked)', () => {
  it('a client that stops posting is dropped after the missed heartbeats, not before', async () => {
    const clock = new ManualClock();
    server = await startTestServer({ clock });
    const stream = await openEventStream(docName());
    await waitFor(() => stream.events().includes('session'), { what: 'the session event' });
    let hasEnded = false;
    void stream.ended.then(() => (hasEnded = true));

    clock.advance(HTTP_HEARTBEAT_MS * HTTP_MISSED_HEARTBEATS);
    const pings = (): number => stream.events().filter((name) => name === 'ping').length;
    await waitFor(() => pings() === HTTP_MISSED_HEARTBEATS, { what: 'a ping per heartbeat' });
    expect(hasEnded, 'still open after exactly the missed heartbeats').toBe(false);
    expect((await health()).connections).toBe(1);

    clock.advance(HTTP_HEARTBEAT_MS);
    await stream.ended;
    await waitFor(async () => (await health()).connections === 0, { what: 'the session to end' });
  });
});

describe('idle documents unload after the grace period (SPEC: Guarantees)', () => {
  it('a document with no connections is written back and unloaded after --unload-grace-seconds, not before', async () => {
    const clock = new ManualClock();
    const compactions: string[] = [];
    const wrapStore = (store: DocStore): DocStore =>
      new Proxy(store, {
        get(target, prop) {
          const value: unknown = Reflect.get(target, prop, target);
          if (prop === 'compact') {
            return (name: string, state: Uint8Array) => (compactions.push(name), target.compact(name, state));
          }
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
    server = await startTestServer({ clock, wrapStore, unloadGraceSeconds: 7 });
    const name = docName();
    const editor = client(name);
    await editor.synced;
    for (let i = 0; i < 20; i++) editor.text.insert(editor.text.length, `${i} `);
    const watcher = client(name);
    await waitFor(() => watcher.text.length === editor.text.length, { what: 'the edits to be relayed' });
    const expected = editor.text.toString();
    editor.destroy();
    watcher.destroy();
    clients.splice(0);
    await waitFor(async () => (await health()).connections === 0, { what: 'both editors to leave' });

    clock.advance(7_000 - 1);
    expect(server.loadedDocs(), 'still loaded a millisecond before the grace period ends').toBe(1);
    expect(compactions).toEqual([]);
    clock.advance(1);
    await waitFor(() => server!.loadedDocs() === 0, { what: 'the document to unload' });
    await waitFor(() => compactions.includes(name), { what: 'the write-back' });

    const reader = client(name);
    await reader.synced;
    expect(reader.text.toString()).toBe(expected);
  });
});

describe('token expiry follows the clock (SPEC: Access)', () => {
  it('a socket is closed with 4401 exactly when its token expires', async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    // The server's clock starts 10 s before the token expires; the token is valid in real time too.
    const clock = new ManualClock(exp * 1000 - 10_000);
    server = await startTestServer({ clock, authSecret: SECRET });
    const token = await new SignJWT({ docs: ['*'], access: 'write' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-1')
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(SECRET));
    const socket = raw(`${docName()}?token=${token}`);
    await socket.opened;

    clock.advance(9_999);
    await roundTrip(socket);
    clock.advance(1);
    expect((await socket.closed).code).toBe(CloseCode.TokenExpired);
  });
});

describe('rate limits refill with the clock (SPEC: Access)', () => {
  it('a client that used its burst may send again once time has refilled it, and no sooner', async () => {
    const clock = new ManualClock();
    // 5 messages a second, bursts of 10.
    server = await startTestServer({ clock, maxMessagesPerSecond: 5 });
    const socket = raw(docName());
    await socket.opened;
    // An awareness frame with no entries: one message that changes nothing.
    const nothing = awarenessFrame([]);
    for (let i = 0; i < 9; i++) socket.ws.send(nothing);
    await roundTrip(socket);

    clock.advance(1_000);
    for (let i = 0; i < 4; i++) socket.ws.send(nothing);
    await roundTrip(socket);

    socket.ws.send(nothing);
    expect((await socket.closed).code).toBe(CloseCode.RateLimited);
  });
});

describe('automatic versions follow the clock (SPEC: HTTP, versions)', () => {
  it('a version is saved once the interval has passed with changes, and not before', async () => {
    const clock = new ManualClock();
    server = await startTestServer({ clock, autoVersionMs: 60_000 });
    const name = docName();
    const editor = client(name);
    await editor.synced;
    const edit = async (text: string): Promise<void> => {
      const watcher = client(name);
      editor.text.insert(editor.text.length, text);
      await waitFor(() => watcher.text.toString() === editor.text.toString(), { what: 'the edit to be relayed' });
      watcher.destroy();
    };
    await edit('a');
    clock.advance(59_999);
    await edit('b');
    expect(await versions(name)).toEqual([]);
    clock.advance(1);
    await edit('c');
    await waitFor(async () => (await versions(name)).length === 1, { what: 'the automatic version' });
    expect((await versions(name))[0]).toMatchObject({ label: 'Automatic', author: 'server' });
  });
});

async function health(): Promise<{ connections: number }> {
  return (await (await fetch(`${server!.url}/healthz`)).json()) as { connections: number };
}

async function versions(name: string): Promise<{ label: string; author: string }[]> {
  const res = await fetch(`${server!.url}/api/docs/${encodeURIComponent(name)}/versions`);
  return ((await res.json()) as { versions: { label: string; author: string }[] }).versions;
}

/** An HTTP fallback event stream: the names of the events so far, and when it ends. */
async function openEventStream(name: string): Promise<{ events(): string[]; ended: Promise<void> }> {
  const res = await fetch(`${server!.url}/api/docs/${encodeURIComponent(name)}/events`);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const ended = (async () => {
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        text += decoder.decode(read.value, { stream: true });
      }
    } catch {
      // The server dropped the stream: it has ended all the same.
    }
  })();
  return { events: () => [...text.matchAll(/^event: (.*)$/gm)].map((match) => match[1]!), ended };
}
