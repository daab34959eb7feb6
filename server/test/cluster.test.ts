import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { CloseCode } from '@quire/shared';
import { seedNewDocument } from '../src/content/seed.js';
import { COMPACT_MIN_TAIL_BYTES } from '../src/rooms/compaction.js';
import {
  ManualClock,
  closeCodesOf,
  docName,
  HAS_REDIS,
  killProcesses,
  startRedis,
  startServerProcess,
  startTestServer,
  useClients,
  waitFor,
  type ServerProcess,
  type TestClient,
  type TestRedis,
  type TestServer,
} from './helpers.js';

/** SPEC: Cluster mode — several instances share one set of documents through real Redis. */
let redis: TestRedis | undefined;
let servers: TestServer[] = [];

async function instances(count: number, options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer[]> {
  const started = await Promise.all(
    Array.from({ length: count }, () => startTestServer({ redisUrl: redis!.url, ...options })),
  );
  servers.push(...started);
  return started;
}

/** An instance as its own process, so it can be killed with SIGKILL. */
const spawnInstance = (): Promise<ServerProcess> => startServerProcess({ args: ['--redis', redis!.url] });

afterEach(async () => {
  await killProcesses();
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  await redis?.remove();
  redis = undefined;
});
const clients = useClients();
const client = (url: string, name: string): TestClient => clients.connect(url, name);

const textOf = (c: TestClient): string => c.text.toString();

/** Two instances on the running Redis, one synced editor of a fresh document on each. */
async function editorOnEachOfTwo(options: Parameters<typeof startTestServer>[0] = {}): Promise<{
  a: TestServer;
  b: TestServer;
  name: string;
  onA: TestClient;
  onB: TestClient;
}> {
  const [a, b] = (await instances(2, options)) as [TestServer, TestServer];
  const name = docName();
  const onA = client(a.wsUrl, name);
  const onB = client(b.wsUrl, name);
  await Promise.all([onA.synced, onB.synced]);
  return { a, b, name, onA, onB };
}

type Edit = [who: number, where: number, text: string, isDelete: boolean];

/** Clients on the given instances make `edits`; all must end with every edit and equal text. */
async function editAndConverge(nodes: TestServer[], assignment: number[], edits: Edit[]): Promise<void> {
  const name = docName();
  const peers = assignment.map((node) => client(nodes[node]!.wsUrl, name));
  await Promise.all(peers.map((p) => p.synced));
  for (const [who, where, text, isDelete] of edits) {
    const peer = peers[who % peers.length]!;
    const at = where % (peer.text.length + 1);
    if (isDelete && peer.text.length > at) peer.text.delete(at, Math.min(2, peer.text.length - at));
    else peer.text.insert(at, text);
  }
  // Converged means every peer holds every insert and every delete (equal snapshots: state
  // vector and delete set), and then shows the same text.
  const first = peers[0]!;
  await waitFor(() => peers.every((p) => Y.equalSnapshots(Y.snapshot(p.doc), Y.snapshot(first.doc))), {
    what: 'every edit everywhere',
  });
  expect(new Set(peers.map(textOf)).size).toBe(1);
  for (const p of peers) p.destroy();
}

describe.skipIf(!HAS_REDIS)('cluster mode (SPEC: Cluster mode)', () => {
  it('concurrent edits from clients spread over three instances converge (property)', async () => {
    redis = await startRedis();
    const nodes = await instances(3);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 2, maxLength: 5 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.string({ minLength: 1, maxLength: 4 }), fc.boolean()), {
          minLength: 1,
          maxLength: 25,
        }),
        (assignment, edits) => editAndConverge(nodes, assignment, edits),
      ),
      { numRuns: 12 },
    );
  });

  it('regression (seed 867538244): one of two peers inserts and deletes; both end with every edit', async () => {
    redis = await startRedis();
    const nodes = await instances(3);
    await editAndConverge(
      nodes,
      [0, 0],
      [
        [0, 0, ' ', false],
        [0, 0, ' ', true],
      ],
    );
  });

  it('awareness crosses instances and is removed when the client leaves', async () => {
    redis = await startRedis();
    const { onA, onB } = await editorOnEachOfTwo();
    onA.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    await waitFor(() => onB.provider.awareness.getStates().has(onA.doc.clientID), { what: 'presence on B' });
    onA.provider.disconnect();
    await waitFor(() => !onB.provider.awareness.getStates().has(onA.doc.clientID), { what: 'presence removed' });
  });

  it('a new document opened on two instances at the same moment is seeded exactly once', async () => {
    redis = await startRedis();
    const [a, b] = await instances(2, { initialContent: seedNewDocument });
    const name = docName();
    const joiners = [a, b, a, b].map((node) => client(node!.wsUrl, name));
    const paragraphs = (c: TestClient): number => c.doc.get('root', Y.XmlText).length;
    await waitFor(() => joiners.every((j) => paragraphs(j) >= 1), { what: 'seed everywhere' });
    const late = client(b!.wsUrl, name);
    await late.synced;
    await waitFor(() => paragraphs(late) >= 1);
    expect(joiners.concat(late).map(paragraphs)).toEqual([1, 1, 1, 1, 1]);
  });

  it('a document deleted through instance A stays deleted for a copy that comes back through B', async () => {
    redis = await startRedis();
    const [a, b] = await instances(2);
    const name = docName();
    const away = client(a!.wsUrl, name);
    await away.synced;
    away.text.insert(0, 'secret plans');
    const watcher = client(b!.wsUrl, name);
    await waitFor(() => textOf(watcher) === 'secret plans', { what: 'relayed to B' });
    away.provider.destroy();
    watcher.destroy();
    expect((await fetch(`${a!.url}/api/docs/${name}`, { method: 'DELETE' })).status).toBe(204);

    const back = clients.connect(b!.wsUrl, name, { doc: away.doc });
    const codes = closeCodesOf(back);
    await waitFor(() => codes.length > 0, { what: 'the copy refused on B' });
    expect(codes).toEqual([CloseCode.DocumentDeleted]);
    const fresh = client(a!.wsUrl, name);
    await fresh.synced;
    expect(textOf(fresh)).toBe('');
  });

  it('a document edited only on instance A opens complete on B while A is down', async () => {
    redis = await startRedis();
    const a = await spawnInstance();
    const [b] = await instances(1);
    const name = docName();
    const writer = client(a.wsUrl, name);
    await writer.synced;
    for (let i = 0; i < 200; i++) writer.text.insert(writer.text.length, `${i};`);
    const watcher = client(a.wsUrl, name);
    await waitFor(() => textOf(watcher) === textOf(writer), { what: 'relayed on A' });
    const expected = textOf(watcher);
    writer.destroy();
    watcher.destroy();
    a.child.kill('SIGKILL');
    const reader = client(b!.wsUrl, name);
    await waitFor(() => textOf(reader) === expected, { what: 'complete on B' });
  });

  it('kill -9 of an instance mid-typing: clients move to another instance and nothing relayed is lost', async () => {
    redis = await startRedis();
    const a = await spawnInstance();
    const [b] = await instances(1);
    const name = docName();
    const typist = client(a.wsUrl, name);
    const observer = client(b!.wsUrl, name);
    await Promise.all([typist.synced, observer.synced]);
    let i = 0;
    const typing = setInterval(() => typist.text.insert(typist.text.length, `${i++};`), 2);
    await waitFor(() => observer.text.length > 300, { what: 'typing reaches B' });
    a.child.kill('SIGKILL');
    clearInterval(typing);
    const seenOnB = textOf(observer);
    const moved = clients.connect(b!.wsUrl, name, { doc: typist.doc });
    typist.provider.destroy();
    await moved.synced;
    const fresh = client(b!.wsUrl, name);
    await waitFor(() => textOf(fresh) === textOf(typist), { what: 'typist resynced through B' });
    expect(textOf(fresh).startsWith(seenOnB)).toBe(true);
  });

  it('Redis restart (AOF): instances recover by themselves and no acknowledged update is lost', async () => {
    redis = await startRedis();
    const { a, b, name, onA, onB } = await editorOnEachOfTwo();
    onA.text.insert(0, 'before restart;');
    await waitFor(() => textOf(onB) === 'before restart;');
    await redis.stop(true);
    await waitFor(async () => (await fetch(`${a.url}/healthz`)).status === 503, { what: 'health reports redis down' });
    await redis.start();
    await waitFor(async () => (await fetch(`${a.url}/healthz`)).status === 200, {
      what: 'health recovers',
      timeoutMs: 20_000,
    });
    onB.text.insert(onB.text.length, ' after restart;');
    await waitFor(() => textOf(onA) === 'before restart; after restart;', {
      what: 'editing works again',
      timeoutMs: 20_000,
    });
    const fresh = client(b.wsUrl, `${name}`);
    await waitFor(() => textOf(fresh) === 'before restart; after restart;', { what: 'all stored' });
  });

  it('while Redis is down, an edit is refused with 1011 rather than relayed unsaved', async () => {
    redis = await startRedis();
    const [a] = await instances(1);
    const name = docName();
    const editor = client(a!.wsUrl, name);
    await editor.synced;
    const codes: number[] = [];
    editor.provider.on('connection-close', (event: { code: number } | null) => event && codes.push(event.code));
    await redis.stop(true);
    editor.text.insert(0, 'unsaved');
    await waitFor(() => codes.includes(CloseCode.InternalError), { what: '1011' });
    await redis.start();
    const fresh = client(a!.wsUrl, name);
    await waitFor(() => textOf(fresh) === 'unsaved', { what: 'client resent after recovery', timeoutMs: 20_000 });
  });

  it('compaction under concurrent writes from two instances keeps everything', async () => {
    redis = await startRedis();
    const { a, b, name, onA, onB } = await editorOnEachOfTwo();
    // Each round is an entry of over 1 KiB from each instance, and both count in the
    // document's shared log: the log outgrows COMPACT_MIN_TAIL_BYTES well before its count
    // reaches COMPACT_AFTER_ENTRIES.
    const rounds = Math.ceil(COMPACT_MIN_TAIL_BYTES / 1024);
    const filler = '.'.repeat(1024);
    for (let i = 0; i < rounds; i++) {
      onA.doc.getMap('a').set(String(i), filler);
      onB.doc.getMap('b').set(String(i), filler);
      if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(() => onA.doc.getMap('b').size === rounds && onB.doc.getMap('a').size === rounds, {
      what: 'all relayed',
      timeoutMs: 30_000,
    });
    const metrics = async (url: string): Promise<number> =>
      Number(/quire_compactions_total (\d+)/.exec(await (await fetch(`${url}/metrics`)).text())?.[1] ?? 0);
    expect((await metrics(a.url)) + (await metrics(b.url))).toBeGreaterThan(0);
    const [c] = await instances(1);
    const fresh = client(c!.wsUrl, name);
    await waitFor(() => fresh.doc.getMap('a').size === rounds && fresh.doc.getMap('b').size === rounds, {
      what: 'complete after compaction',
    });
  });

  it('idle documents unload on every instance', async () => {
    redis = await startRedis();
    const clock = new ManualClock();
    const { a, b, onA, onB } = await editorOnEachOfTwo({ unloadGraceMs: 20, clock });
    onA.text.insert(0, 'x');
    await waitFor(() => textOf(onB) === 'x');
    onA.destroy();
    onB.destroy();
    const connections = async (server: TestServer): Promise<number> =>
      ((await (await fetch(`${server.url}/healthz`)).json()) as { connections: number }).connections;
    await waitFor(async () => (await connections(a)) === 0 && (await connections(b)) === 0, { what: 'both to leave' });
    expect([a.loadedDocs(), b.loadedDocs()], 'loaded until the grace period has passed').toEqual([1, 1]);
    clock.advance(20);
    await waitFor(() => a.loadedDocs() === 0 && b.loadedDocs() === 0, { what: 'unloaded everywhere' });
  });
});
