import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connectClient,
  docName,
  makeTempDir,
  startTestServer,
  waitFor,
  type TestClient,
  type TestServer,
} from './helpers.js';

/**
 * SPEC: Guarantees and WebSocket; STYLE §7 — several real y-websocket editors on one
 * document, making random text and map edits while dropping off and coming back, with a
 * server restart in the middle, all end with the same document, and the document the
 * server reloads from disk equals the live one.
 *
 * Reproduce a failure with the seed and path fast-check prints:
 *   QUIRE_FC_SEED=<seed> QUIRE_FC_PATH=<path> npx vitest run server/test/convergence.property.test.ts
 */

type Op =
  | { kind: 'insert'; client: number; at: number; text: string }
  | { kind: 'delete'; client: number; at: number; length: number }
  | { kind: 'set'; client: number; key: string; value: number | string | boolean }
  | { kind: 'disconnect'; client: number }
  | { kind: 'reconnect'; client: number }
  | { kind: 'pause'; ms: number };

interface Scenario {
  clientCount: number;
  ops: Op[];
  /** Index of the op before which the server restarts (taken modulo the op count). */
  restartAt: number;
}

const POSITION_STEPS = 1000;

function opArbitrary(clientCount: number): fc.Arbitrary<Op> {
  const client = fc.integer({ min: 0, max: clientCount - 1 });
  const at = fc.integer({ min: 0, max: POSITION_STEPS });
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('insert' as const),
        client,
        at,
        text: fc.string({ minLength: 1, maxLength: 6 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('delete' as const),
        client,
        at,
        length: fc.integer({ min: 1, max: 5 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('set' as const),
        client,
        key: fc.constantFrom('title', 'owner', 'tags', 'n'),
        value: fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), fc.boolean()),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('disconnect' as const), client }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('reconnect' as const), client }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('pause' as const), ms: fc.integer({ min: 0, max: 15 }) }) },
  );
}

const scenarioArbitrary: fc.Arbitrary<Scenario> = fc.integer({ min: 3, max: 4 }).chain((clientCount) =>
  fc.record({
    clientCount: fc.constant(clientCount),
    ops: fc.array(opArbitrary(clientCount), { minLength: 8, maxLength: 40 }),
    restartAt: fc.nat(),
  }),
);

interface DocView {
  text: string;
  map: [string, unknown][];
  stateVector: [number, number][];
}

/** A canonical view: map keys and state-vector entries sorted, so equal docs compare equal. */
function view(doc: Y.Doc): DocView {
  return {
    text: doc.getText('t').toString(),
    map: Object.entries(doc.getMap('m').toJSON()).sort(([a], [b]) => a.localeCompare(b)),
    stateVector: [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([a], [b]) => a - b),
  };
}

/** Same text, map, state vector and delete set (a Yjs snapshot covers the last two). */
function isSame(a: Y.Doc, b: Y.Doc): boolean {
  return JSON.stringify(view(a)) === JSON.stringify(view(b)) && Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b));
}

function expectSame(actual: Y.Doc, expected: Y.Doc, what: string): void {
  expect(view(actual), what).toEqual(view(expected));
  expect(Y.equalSnapshots(Y.snapshot(actual), Y.snapshot(expected)), `${what}: delete sets`).toBe(true);
}

function applyEdit(client: TestClient, op: Op): void {
  const text = client.text;
  const position = (at: number): number => Math.floor((at / POSITION_STEPS) * text.length);
  if (op.kind === 'insert') text.insert(position(op.at), op.text);
  if (op.kind === 'delete' && text.length > 0) {
    const from = Math.min(position(op.at), text.length - 1);
    text.delete(from, Math.min(op.length, text.length - from));
  }
  if (op.kind === 'set') client.doc.getMap('m').set(op.key, op.value);
}

/** Everything a run or a test created, undone in reverse order. */
const cleanups: (() => Promise<void> | void)[] = [];

async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

afterEach(cleanUp);

function trackServer(server: TestServer): TestServer {
  cleanups.push(() => server.close());
  return server;
}

function trackClient(client: TestClient): TestClient {
  cleanups.push(() => client.destroy());
  return client;
}

async function runScenario({ clientCount, ops, restartAt }: Scenario): Promise<void> {
  const dir = await makeTempDir('quire-convergence-');
  cleanups.push(() => dir.remove());
  const name = docName();
  let server = trackServer(await startTestServer({}, dir.dir));
  const clients = Array.from({ length: clientCount }, () => trackClient(connectClient(server.wsUrl, name)));
  await Promise.all(clients.map((client) => client.synced));

  for (const [index, op] of ops.entries()) {
    if (index === restartAt % ops.length) {
      // Same port, so the editors find the new server by themselves.
      server = trackServer(await server.restart({ port: server.port }));
    }
    // A generated pause picks a moment, it waits for nothing: how much traffic lands
    // between two operations is part of the scenario fast-check explores.
    if (op.kind === 'pause') await new Promise((resolve) => setTimeout(resolve, op.ms));
    else if (op.kind === 'disconnect') clients[op.client]!.provider.disconnect();
    else if (op.kind === 'reconnect') clients[op.client]!.provider.connect();
    else applyEdit(clients[op.client]!, op);
  }

  for (const client of clients) client.provider.connect();
  const docs = clients.map((client) => client.doc);
  const first = docs[0]!;
  await waitFor(() => docs.every((doc) => isSame(doc, first)), {
    timeoutMs: 20_000,
    what: 'every editor to converge',
  }).catch(() => undefined); // on timeout, the expectations below show the difference
  for (const [i, doc] of docs.entries()) expectSame(doc, first, `editor ${i} vs editor 0`);

  // Take the editors offline (keeping their docs) so only the disk can fill the next server.
  for (const client of clients) client.provider.destroy();
  await server.close();
  const reloaded = trackServer(await startTestServer({}, dir.dir));
  const fresh = trackClient(connectClient(reloaded.wsUrl, name));
  await fresh.synced;
  expectSame(fresh.doc, first, 'document reloaded from disk vs live editors');
  await cleanUp();
}

function fcParameters(): fc.Parameters<[Scenario]> {
  const seed = process.env.QUIRE_FC_SEED;
  const path = process.env.QUIRE_FC_PATH;
  return {
    numRuns: 20,
    // Each run starts real servers: report the first failure with its seed rather than shrink for minutes.
    endOnFailure: true,
    ...(seed === undefined ? {} : { seed: Number(seed) }),
    ...(path === undefined ? {} : { path }),
  };
}

describe('convergence (SPEC: Guarantees; STYLE §7)', () => {
  it('editors who edit text and map, drop off and come back across a server restart all end equal, and equal to the disk', async () => {
    await fc.assert(fc.asyncProperty(scenarioArbitrary, runScenario), fcParameters());
  }, 110_000);
});

// Kept in the repository with its CC BY 4.0 attribution (fixtures/traces/README.md).
const TRACE_URL = new URL('./fixtures/traces/seph-blog1.json.gz', import.meta.url);

interface Trace {
  endContent: string;
  txns: { patches: [position: number, deleteCount: number, text: string][] }[];
}

describe('replaying a real editing history (SPEC: Guarantees; STYLE §7)', () => {
  it('a 137k-edit blog-post history typed by one editor reaches a second editor and the disk exactly', async () => {
    const trace = JSON.parse(gunzipSync(readFileSync(TRACE_URL)).toString('utf8')) as Trace;
    const dir = await makeTempDir('quire-trace-');
    cleanups.push(() => dir.remove());
    const name = docName();
    // One editor sends 137k frames as fast as it can: lift the per-connection rate limit.
    const server = trackServer(await startTestServer({ maxMessagesPerSecond: 0 }, dir.dir));
    const writer = trackClient(connectClient(server.wsUrl, name));
    const reader = trackClient(connectClient(server.wsUrl, name));
    await Promise.all([writer.synced, reader.synced]);

    for (const [index, txn] of trace.txns.entries()) {
      // One transaction per recorded edit: one Yjs update on the wire each.
      writer.doc.transact(() => {
        for (const [position, deleteCount, text] of txn.patches) {
          if (deleteCount > 0) writer.text.delete(position, deleteCount);
          if (text.length > 0) writer.text.insert(position, text);
        }
      });
      if (index % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(writer.text.toString()).toBe(trace.endContent);

    await waitFor(() => reader.text.length === trace.endContent.length && reader.text.toString() === trace.endContent, {
      timeoutMs: 90_000,
      what: 'the second editor to receive the whole history',
    });
    writer.destroy();
    reader.destroy();
    await server.close();

    const reloaded = trackServer(await startTestServer({}, dir.dir));
    const fresh = trackClient(connectClient(reloaded.wsUrl, name));
    await fresh.synced;
    expect(fresh.text.toString()).toBe(trace.endContent);
  }, 110_000);
});
