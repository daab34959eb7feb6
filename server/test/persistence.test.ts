import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { CloseCode, MessageType } from '@quire/shared';
import { LevelStore, type DocStore } from '../src/index.js';
import { StorageError } from '../src/errors.js';
import { COMPACT_AFTER_ENTRIES } from '../src/rooms/compaction.js';
import { encodeUpdate } from '../src/protocol/encode.js';
import {
  ManualClock,
  docName,
  makeTempDir,
  rawSocket,
  startTestServer,
  useClients,
  waitFor,
  type TestClient,
  type TestServer,
} from './helpers.js';

/** SPEC: Guarantees — durable, compacted storage that is never replaced by an empty value. */
let server: TestServer;

afterEach(async () => {
  await server?.close();
});
const clients = useClients();
const client = (name: string): TestClient => clients.connect(server.wsUrl, name);

async function storedUpdates(dataDir: string, name: string): Promise<Uint8Array[]> {
  const store = await LevelStore.open(dataDir);
  try {
    return await store.load(name);
  } finally {
    await store.close();
  }
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
  let captured: Uint8Array | undefined;
  const capture = (update: Uint8Array): void => {
    captured = update;
  };
  doc.on('update', capture);
  change();
  doc.off('update', capture);
  return captured!;
}

/** Whether `frame` is a saved acknowledgement (type 100) covering `clock` of `client`. */
function ackCovers(frame: Uint8Array, client: number, clock: number): boolean {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== MessageType.Ack) return false;
  return (Y.decodeStateVector(decoding.readVarUint8Array(decoder)).get(client) ?? 0) >= clock;
}

/** Something a test holds shut and opens when it has done what it needs meanwhile. */
interface Gate {
  passed: Promise<void>;
  open(): void;
}

function gate(): Gate {
  let open: () => void = () => undefined;
  const passed = new Promise<void>((resolve) => (open = resolve));
  return { passed, open };
}

/** Clients the server counts as connected (before their document has loaded, too). */
async function connectionCount(): Promise<number> {
  return ((await (await fetch(`${server.url}/healthz`)).json()) as { connections: number }).connections;
}

/** Wraps a store so a test can hold loads open or make writes fail, as a slow or broken disk would. */
function controllableStore(
  inner: DocStore,
  control: {
    loadGate?: Gate;
    deleteGate?: Gate;
    putVersionGate?: Gate;
    failWrites?: boolean;
    loads?: number;
    /** Set once a delete or a version save has reached the store (and is being held). */
    isDeleting?: boolean;
    isSavingVersion?: boolean;
  },
): DocStore {
  // A gate holds an operation open, as a slow disk would, until the test has acted while
  // it is in flight (each test waits for the flag saying it has started).
  return {
    load: async (name) => {
      control.loads = (control.loads ?? 0) + 1;
      await control.loadGate?.passed;
      return inner.load(name);
    },
    append: (name, update) =>
      control.failWrites ? Promise.reject(new StorageError('disk full (test)')) : inner.append(name, update),
    compact: (name, state) => inner.compact(name, state),
    sync: inner.sync && (() => inner.sync!()),
    logSize: (name) => inner.logSize(name),
    release: (name) => inner.release(name),
    list: () => inner.list(),
    exists: (name) => inner.exists(name),
    claimNew: (name) => inner.claimNew(name),
    deleteDoc: async (name, deletedClocks) => {
      control.isDeleting = true;
      await control.deleteGate?.passed;
      return inner.deleteDoc(name, deletedClocks);
    },
    deletedClocks: (name) => inner.deletedClocks(name),
    putFile: (name, info, bytes) => inner.putFile(name, info, bytes),
    getFile: (name, id) => inner.getFile(name, id),
    listFiles: (name) => inner.listFiles(name),
    deleteFiles: (name, ids) => inner.deleteFiles(name, ids),
    putVersion: async (name, version, state) => {
      control.isSavingVersion = true;
      await control.putVersionGate?.passed;
      return inner.putVersion(name, version, state);
    },
    listVersions: (name) => inner.listVersions(name),
    getVersion: (name, id) => inner.getVersion(name, id),
    close: () => inner.close(),
  };
}

describe('persistence (SPEC: Guarantees)', () => {
  it('a restart keeps every document', async () => {
    server = await startTestServer();
    const name = docName();
    const a = client(name);
    await a.synced;
    a.text.insert(0, 'kept across restarts');
    a.doc.getMap('m').set('k', 'v');
    const watcher = client(name);
    await waitFor(() => watcher.doc.getMap('m').get('k') === 'v', { what: 'relayed, so on disk' });
    a.destroy();
    server = await server.restart();
    const b = client(name);
    await waitFor(() => b.text.toString() === 'kept across restarts', { what: 'restored text' });
    expect(b.doc.getMap('m').get('k')).toBe('v');
  });

  it('after a restart, a client that kept the document gets what it lacks and its offline edit is kept', async () => {
    server = await startTestServer();
    const name = docName();
    const a = client(name);
    await a.synced;
    a.text.insert(0, 'shared start');
    const b = client(name);
    await waitFor(() => b.text.toString() === 'shared start', { what: 'relayed' });
    a.provider.destroy();
    b.text.insert(b.text.length, ' + from b');
    const watcher = client(name);
    await waitFor(() => watcher.text.toString() === 'shared start + from b', { what: 'relayed, so on disk' });
    b.destroy();
    watcher.destroy();
    server = await server.restart();
    a.text.insert(0, 'offline: ');
    const back = clients.connect(server.wsUrl, name, { doc: a.doc });
    await waitFor(() => back.text.toString() === 'offline: shared start + from b', { what: 'a caught up' });
    const c = client(name);
    await waitFor(() => c.text.toString() === 'offline: shared start + from b', { what: 'a fresh client sees both' });
  });

  it('an edit that arrives before the one it builds on is kept across a restart until that one comes', async () => {
    server = await startTestServer();
    const name = docName();
    const author = new Y.Doc();
    const first = captureUpdate(author, () => author.getText('t').insert(0, 'first'));
    const second = captureUpdate(author, () => author.getText('t').insert(5, ' second'));
    const early = rawSocket(server.wsUrl, `${name}?ack=1`);
    await early.opened;
    early.ws.send(encodeUpdate(second));
    const secondClock = Y.parseUpdateMeta(second).to.get(author.clientID)!;
    await waitFor(() => early.messages.some((frame) => ackCovers(frame, author.clientID, secondClock)), {
      what: 'the early edit acknowledged as durable',
    });
    early.ws.close();
    server = await server.restart();
    const late = rawSocket(server.wsUrl, name);
    await late.opened;
    late.ws.send(encodeUpdate(first));
    const reader = client(name);
    await waitFor(() => reader.text.toString() === 'first second', { what: 'both edits' });
    late.ws.close();
  });

  it('compaction keeps content identical and shrinks the stored log', async () => {
    server = await startTestServer();
    const name = docName();
    const a = client(name);
    await a.synced;
    const edits = COMPACT_AFTER_ENTRIES + 300;
    for (let i = 0; i < edits; i++) {
      a.text.insert(a.text.length, `${i % 10}`);
      if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const watcher = client(name);
    await waitFor(() => watcher.text.length === edits, { what: 'all edits relayed' });
    const expected = a.text.toString();
    await server.close();
    const updates = await storedUpdates(server.dataDir, name);
    expect(updates.length).toBeLessThan(400);
    expect(textOf(updates)).toBe(expected);
    server = await startTestServer({}, server.dataDir);
  });

  it('an idle document is written back as one compacted state when unloaded', async () => {
    const clock = new ManualClock();
    server = await startTestServer({ unloadGraceMs: 20, clock });
    const name = docName();
    const a = client(name);
    await a.synced;
    for (let i = 0; i < 30; i++) a.text.insert(a.text.length, 'ab');
    await waitFor(() => a.provider.synced && a.text.length === 60);
    const watcher = client(name);
    await waitFor(() => watcher.text.length === 60);
    a.destroy();
    watcher.destroy();
    await waitFor(
      async () => ((await (await fetch(`${server.url}/healthz`)).json()) as { connections: number }).connections === 0,
      {
        what: 'both clients to leave',
      },
    );
    clock.advance(20);
    await waitFor(() => server.loadedDocs() === 0, { what: 'unload' });
    await server.close();
    const updates = await storedUpdates(server.dataDir, name);
    expect(updates).toHaveLength(1);
    expect(textOf(updates)).toBe('ab'.repeat(30));
    server = await startTestServer({}, server.dataDir);
  });

  it('clients that join during a slow load all receive the full document, loaded once', async () => {
    server = await startTestServer();
    const name = docName();
    const a = client(name);
    await a.synced;
    a.text.insert(0, 'stored before the restart');
    const watcher = client(name);
    await waitFor(() => watcher.text.length > 0, { what: 'relayed, so on disk' });
    const control: { loadGate: Gate; loads?: number } = { loadGate: gate() };
    a.destroy();
    watcher.destroy();
    server = await server.restart({ wrapStore: (store) => controllableStore(store, control) });
    const joiners = Array.from({ length: 5 }, () => client(name));
    await waitFor(async () => control.loads === 1 && (await connectionCount()) === 5, {
      what: 'every joiner to arrive while the load is held',
    });
    control.loadGate.open();
    await Promise.all(joiners.map((joiner) => joiner.synced));
    for (const joiner of joiners) expect(joiner.text.toString()).toBe('stored before the restart');
    expect(control.loads).toBe(1);
  });

  it('a client opening a document while it is being deleted never gets the deleted text', async () => {
    const control: { deleteGate: Gate; isDeleting?: boolean } = { deleteGate: gate() };
    server = await startTestServer({ wrapStore: (store) => controllableStore(store, control) });
    const name = docName();
    const a = client(name);
    await a.synced;
    a.text.insert(0, 'deleted text');
    const watcher = client(name);
    await waitFor(() => watcher.text.length > 0, { what: 'relayed, so on disk' });
    a.destroy();
    watcher.destroy();
    await waitFor(async () => (await connectionCount()) === 0, { what: 'both clients to leave' });
    const deleting = fetch(`${server.url}/api/docs/${name}`, { method: 'DELETE' });
    await waitFor(() => control.isDeleting, { what: 'the delete to reach the store' });
    const late = client(name);
    await waitFor(async () => (await connectionCount()) === 1, { what: 'the late client to arrive during the delete' });
    control.deleteGate.open();
    expect((await deleting).status).toBe(204);
    await late.synced;
    expect(late.text.toString()).toBe('');
    late.destroy();
    server = await server.restart();
    const after = client(name);
    await after.synced;
    expect(after.text.toString()).toBe('');
  });

  it('a version being saved while its document is deleted is deleted with it', async () => {
    const control: { putVersionGate: Gate; isSavingVersion?: boolean } = { putVersionGate: gate() };
    server = await startTestServer({ wrapStore: (store) => controllableStore(store, control) });
    const name = docName();
    const api = `${server.url}/api/docs/${name}`;
    const a = client(name);
    await a.synced;
    a.text.insert(0, 'secret plans');
    await waitFor(async () => (await fetch(api)).status === 200, { what: 'the document stored' });
    const saving = fetch(`${api}/versions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"label":"before the delete"}',
    });
    await waitFor(() => control.isSavingVersion, { what: 'the version save to reach the store' });
    const closed = new Promise<number>((resolve) =>
      a.provider.once('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)),
    );
    const deleting = fetch(api, { method: 'DELETE' });
    // The delete closes the document's editors first, then waits for the version save.
    expect(await closed).toBe(CloseCode.DocumentDeleted);
    control.putVersionGate.open();
    expect((await deleting).status).toBe(204);
    expect((await saving).status).toBe(201);
    a.destroy();
    // The name, made again, has no versions of the deleted text.
    expect((await fetch(api, { method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: 'new' })).status).toBe(
      201,
    );
    expect(((await (await fetch(`${api}/versions`)).json()) as { versions: unknown[] }).versions).toEqual([]);
  });

  it('a failed storage write is not relayed: the sender is closed with 1011', async () => {
    const control = { failWrites: false };
    server = await startTestServer({ wrapStore: (store) => controllableStore(store, control) });
    const name = docName();
    const a = client(name);
    const b = client(name);
    await Promise.all([a.synced, b.synced]);
    a.text.insert(0, 'durable');
    await waitFor(() => b.text.toString() === 'durable');
    const closeCodes: number[] = [];
    a.provider.on('connection-close', (event: { code: number } | null) => event && closeCodes.push(event.code));
    control.failWrites = true;
    a.text.insert(7, ' lost-on-disk');
    await waitFor(() => closeCodes.includes(CloseCode.InternalError), { what: '1011 to the sender' });
    expect(b.text.toString()).toBe('durable');
    control.failWrites = false;
    await waitFor(() => b.text.toString() === 'durable lost-on-disk', { what: 'sender resends after reconnect' });
  });

  it('GET /api/docs lists stored documents with size and last change', async () => {
    server = await startTestServer();
    const name = docName();
    const a = client(name);
    await a.synced;
    a.text.insert(0, 'listed');
    const before = Date.now();
    await waitFor(
      async () => {
        const res = await fetch(`${server.url}/api/docs`);
        const body = (await res.json()) as { docs: { name: string; size: number; updatedAt: string }[] };
        const entry = body.docs.find((doc) => doc.name === name);
        return entry !== undefined && entry.size > 0 && Date.parse(entry.updatedAt) >= before - 5_000;
      },
      { what: 'listed document' },
    );
  });

  it('a storage folder that cannot be opened fails the start instead of serving empty documents', async () => {
    const { dir, remove } = await makeTempDir();
    const first = await startTestServer({}, dir);
    await expect(startTestServer({}, dir)).rejects.toThrow(StorageError);
    await first.close();
    await remove();
  });
});
