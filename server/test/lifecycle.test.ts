import { afterEach, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { HealthResponse } from '@quire/shared';
import { MessageType, SyncStep } from '@quire/shared';
import type { DocStore, StartOptions } from '../src/index.js';
import {
  ManualClock,
  docName,
  makeTempDir,
  rawSocket,
  startTestServer,
  waitFor,
  useClients,
  type Clients,
  type TestServer,
} from './helpers.js';

/**
 * SPEC: Guarantees — "Documents with no connections are written back compacted and
 * unloaded from memory after a grace period; memory stays flat over thousands of
 * documents opened in turn." Real server, real LevelDB, real y-websocket clients. The
 * store is only wrapped, to count how often a document is read from disk or compacted, or
 * to hold loads back so that frames queue up behind them.
 */
type StoreOverrides = Partial<Pick<DocStore, 'load' | 'compact'>>;

/** The real store, with `load` and `compact` replaced by `overrides(real)` where given. */
function wrapStoreWith(overrides: (real: DocStore) => StoreOverrides): (store: DocStore) => DocStore {
  return (store) => {
    const replaced: Record<string | symbol, unknown> = overrides(store);
    return new Proxy(store, {
      get(target, prop) {
        if (replaced[prop] !== undefined) return replaced[prop];
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
}

interface StoreCalls {
  loads: Map<string, number>;
  compactions: Map<string, number>;
}

/** Counts, per document, how often it is read from disk and compacted. */
function countStoreCalls(): { calls: StoreCalls; wrapStore: (store: DocStore) => DocStore } {
  const calls: StoreCalls = { loads: new Map(), compactions: new Map() };
  const bump = (counts: Map<string, number>, name: string): void => {
    counts.set(name, (counts.get(name) ?? 0) + 1);
  };
  const wrapStore = wrapStoreWith((real) => ({
    load: (name) => (bump(calls.loads, name), real.load(name)),
    compact: (name, state) => (bump(calls.compactions, name), real.compact(name, state)),
  }));
  return { calls, wrapStore };
}

/** Every load waits for `release()`, so frames from early sockets queue behind it. */
function holdLoads(): { release(): void; wrapStore: (store: DocStore) => DocStore } {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const wrapStore = wrapStoreWith((real) => ({ load: async (name) => (await held, real.load(name)) }));
  return { release, wrapStore };
}

async function health(server: TestServer): Promise<HealthResponse> {
  const res = await fetch(`${server.url}/healthz`);
  expect(res.status).toBe(200);
  return (await res.json()) as HealthResponse;
}

/** Opens `name` with a fresh y-websocket client and returns its text once synced. */
async function readText(clients: Clients, server: TestServer, name: string): Promise<string> {
  const reader = clients.connect(server.wsUrl, name);
  await reader.synced;
  const text = reader.text.toString();
  reader.destroy();
  return text;
}

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const syncFrame = (step: number, payload: Uint8Array): Uint8Array =>
  frame(MessageType.Sync, (encoder) => {
    encoding.writeVarUint(encoder, step);
    encoding.writeVarUint8Array(encoder, payload);
  });

const awarenessFrame = (update: Uint8Array): Uint8Array =>
  frame(MessageType.Awareness, (encoder) => encoding.writeVarUint8Array(encoder, update));

/** The default grace period; the tests' clocks pass it when they choose. */
const GRACE_MS = 30_000;

describe('unloading idle documents (SPEC: Guarantees)', () => {
  let server: TestServer | undefined;
  const dirs: { remove(): Promise<void> }[] = [];

  /** A real server on its own temp folder, removed after the test. */
  async function startServer(options: StartOptions): Promise<TestServer> {
    const dir = await makeTempDir('quire-lifecycle-');
    dirs.push(dir);
    return startTestServer(options, dir.dir);
  }

  afterEach(async () => {
    await server?.close();
    server = undefined;
    await Promise.all(dirs.splice(0).map((dir) => dir.remove()));
  });
  const clients = useClients();

  it('2000 documents opened and closed in turn all leave memory and keep their edits (SPEC: Guarantees, memory stays flat)', async () => {
    const { calls, wrapStore } = countStoreCalls();
    const clock = new ManualClock();
    server = await startServer({ unloadGraceMs: GRACE_MS, wrapStore, clock });
    const names = Array.from({ length: 2000 }, (_, i) => `lifecycle-${i}-${docName()}`);
    let peakLoaded = 0;
    // Each document's grace period passes once the next one is open: the server sees a
    // close a moment after it happens, so a document leaves at the latest a step later.
    const unloadAll = (): Promise<unknown> =>
      waitFor(
        () => {
          clock.advance(GRACE_MS);
          return server!.loadedDocs() === 0;
        },
        { timeoutMs: 20_000, what: 'every document to unload' },
      );

    for (const [i, name] of names.entries()) {
      const client = clients.connect(server.wsUrl, name);
      await client.synced;
      client.text.insert(0, `edit ${i}`);
      client.destroy();
      clock.advance(GRACE_MS);
      peakLoaded = Math.max(peakLoaded, server.loadedDocs());
    }

    await unloadAll();
    expect(await health(server)).toMatchObject({ ok: true, docsLoaded: 0, connections: 0 });
    // Idle documents leave after their grace period, so memory holds a handful at a time, never all 2000.
    expect(peakLoaded).toBeLessThan(200);

    const sample = names.filter((_, i) => i % 100 === 7);
    for (const name of sample) {
      const i = names.indexOf(name);
      expect(await readText(clients, server, name)).toBe(`edit ${i}`);
      expect(calls.loads.get(name), 'the reopened document was read back from disk').toBe(2);
    }
    await unloadAll();
  });

  it('a document whose last editor left is written back compacted and survives a restart (SPEC: Guarantees)', async () => {
    const { calls, wrapStore } = countStoreCalls();
    const clock = new ManualClock();
    server = await startServer({ unloadGraceMs: GRACE_MS, wrapStore, clock });
    const name = docName();
    const editor = clients.connect(server.wsUrl, name);
    await editor.synced;
    for (let i = 0; i < 50; i++) editor.text.insert(editor.text.length, `line ${i}\n`);
    const expected = editor.text.toString();
    editor.destroy();
    await waitFor(async () => (await health(server!)).connections === 0, { what: 'the editor to leave' });
    clock.advance(GRACE_MS);

    await waitFor(() => server!.loadedDocs() === 0, { timeoutMs: 10_000, what: 'the document to unload' });
    // The room leaves the registry before its write-back has waited for its pending writes;
    // closing the server (in restart) waits for every write-back, so count compactions then.
    server = await server.restart();
    expect(calls.compactions.get(name), 'the 50-entry log was merged into one state').toBeGreaterThanOrEqual(1);
    expect(await readText(clients, server, name)).toBe(expected);
  });

  it('someone who joins during the grace period keeps editing the same loaded document (SPEC: Guarantees)', async () => {
    const { calls, wrapStore } = countStoreCalls();
    // The grace period ends only when the test moves the clock: the second join lands inside it.
    const clock = new ManualClock();
    server = await startServer({ unloadGraceMs: 3_000, wrapStore, clock });
    const name = docName();
    const first = clients.connect(server.wsUrl, name);
    await first.synced;
    first.text.insert(0, 'first ');
    first.destroy();
    await waitFor(async () => (await health(server!)).connections === 0, { what: 'the first editor to leave' });
    expect(server.loadedDocs()).toBe(1);

    const second = clients.connect(server.wsUrl, name);
    await second.synced;
    expect(second.text.toString()).toBe('first ');
    expect(calls.loads.get(name), 'the document was not read from disk again').toBe(1);
    second.text.insert(second.text.length, 'second');
    second.destroy();
    await waitFor(async () => (await health(server!)).connections === 0, { what: 'the second editor to leave' });
    clock.advance(3_000);

    await waitFor(() => server!.loadedDocs() === 0, {
      timeoutMs: 15_000,
      what: 'the document to unload after the grace period',
    });
    expect(await readText(clients, server, name)).toBe('first second');
    expect(calls.loads.get(name)).toBe(2);
  });

  it('an edit sent right before the socket closes is kept, even while the document is still loading (SPEC: Guarantees)', async () => {
    const { release, wrapStore } = holdLoads();
    const clock = new ManualClock();
    server = await startServer({ unloadGraceMs: GRACE_MS, wrapStore, clock });
    const names = Array.from({ length: 5 }, () => docName());

    for (const [i, name] of names.entries()) {
      const doc = new Y.Doc();
      doc.getText('t').insert(0, `last words ${i}`);
      const socket = rawSocket(server.wsUrl, name);
      await socket.opened;
      socket.ws.send(syncFrame(SyncStep.Step1, Y.encodeStateVector(new Y.Doc())));
      socket.ws.send(syncFrame(SyncStep.Update, Y.encodeStateAsUpdate(doc)));
      socket.ws.close(1000);
      await socket.closed;
    }
    await waitFor(async () => (await health(server!)).connections === 0, { what: 'the server to see every close' });
    release();

    await waitFor(
      () => {
        clock.advance(GRACE_MS);
        return server!.loadedDocs() === 0;
      },
      { timeoutMs: 10_000, what: 'the documents to unload' },
    );
    server = await server.restart();
    for (const [i, name] of names.entries()) {
      expect(await readText(clients, server, name)).toBe(`last words ${i}`);
    }
  });

  it('someone who announces their presence and closes at once leaves no ghost cursor behind (SPEC: WebSocket, awareness)', async () => {
    const { release, wrapStore } = holdLoads();
    server = await startServer({ wrapStore });
    const name = docName();
    const stayer = clients.connect(server.wsUrl, name);
    stayer.provider.awareness.setLocalStateField('user', { name: 'stayer' });

    const ghostDoc = new Y.Doc();
    const ghost = new awarenessProtocol.Awareness(ghostDoc);
    ghost.setLocalState({ user: { name: 'ghost' } });
    const socket = rawSocket(server.wsUrl, name);
    await socket.opened;
    socket.ws.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(ghost, [ghostDoc.clientID])));
    socket.ws.close(1000);
    await socket.closed;
    ghost.destroy();
    await waitFor(async () => (await health(server!)).connections === 1, { what: 'the server to see the close' });
    release();
    await stayer.synced;

    const newcomer = clients.connect(server.wsUrl, name);
    await newcomer.synced;
    await waitFor(() => newcomer.provider.awareness.getStates().has(stayer.doc.clientID), {
      what: "the newcomer to see the stayer's presence",
    });
    expect([...newcomer.provider.awareness.getStates().keys()]).not.toContain(ghostDoc.clientID);
    await waitFor(() => !stayer.provider.awareness.getStates().has(ghostDoc.clientID), {
      what: 'the ghost to disappear for the editor who stayed',
    });
  });
});
