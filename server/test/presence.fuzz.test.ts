import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { MessageType } from '@quire/shared';
import {
  connectClient,
  docName,
  rawSocket,
  startTestServer,
  waitFor,
  type TestClient,
  type TestServer,
} from './helpers.js';
import { awarenessMessage, awarenessUpdate, type PresenceEntry } from './presence-helpers.js';

/**
 * Seeded fuzz of presence frames (SPEC: WebSocket, awareness; issue #18). Each run starts
 * from real y-protocols awareness updates and mutates their structure: other clients' ids,
 * counts, clocks, null and huge states, nesting, broken envelopes, query-awareness. It
 * sends them over WebSocket or the HTTP transport, then checks that the server answers,
 * that Ada and Bob still show exactly the presence they set, and that a fresh client sees
 * the document and their edits.
 *
 *   FUZZ_SEED=<seed> FUZZ_RUNS=<runs> npx vitest run server/test/presence.fuzz.test.ts
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = process.env.FUZZ_SEED === undefined ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED);

type Who = 'ada' | 'bob' | 'self' | 'fresh';
type StateKind = 'user' | 'null' | 'huge' | 'nested' | 'broken' | 'scalar' | 'array';
interface EntrySpec {
  who: Who;
  freshId: number;
  clock: 'known' | 'next' | 'zero' | 'huge' | number;
  state: StateKind;
  size: number;
}
type FrameSpec =
  | { kind: 'entries'; entries: EntrySpec[] }
  | { kind: 'flood'; count: number }
  | { kind: 'truncated'; entries: EntrySpec[]; cut: number }
  | { kind: 'count-mismatch'; entries: EntrySpec[]; extra: number }
  | { kind: 'query' };

const entrySpec: fc.Arbitrary<EntrySpec> = fc.record({
  who: fc.constantFrom<Who>('ada', 'bob', 'self', 'fresh'),
  freshId: fc.integer({ min: 1, max: 2 ** 31 }),
  clock: fc.oneof(fc.constantFrom('known', 'next', 'zero', 'huge') as fc.Arbitrary<EntrySpec['clock']>, fc.nat(1000)),
  state: fc.constantFrom<StateKind>('user', 'null', 'huge', 'nested', 'broken', 'scalar', 'array'),
  size: fc.integer({ min: 1, max: 20_000 }),
});
const entries = fc.array(entrySpec, { minLength: 0, maxLength: 6 });
const frameSpec: fc.Arbitrary<FrameSpec> = fc.oneof(
  { weight: 6, arbitrary: entries.map((list) => ({ kind: 'entries' as const, entries: list })) },
  { weight: 1, arbitrary: fc.integer({ min: 5, max: 12_000 }).map((count) => ({ kind: 'flood' as const, count })) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('truncated' as const), entries, cut: fc.integer({ min: 1, max: 40 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('count-mismatch' as const),
      entries,
      extra: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'query' as const }) },
);
interface Scenario {
  overHttp: boolean;
  frames: FrameSpec[];
}
const scenario: fc.Arbitrary<Scenario> = fc.record({
  overHttp: fc.boolean(),
  frames: fc.array(frameSpec, { minLength: 1, maxLength: 8 }),
});

interface Honest {
  ada: TestClient;
  bob: TestClient;
  selfId: number;
}

function stateJson(kind: StateKind, size: number): string {
  switch (kind) {
    case 'user':
      return JSON.stringify({ user: { name: 'Mallory', color: '#000' }, cursor: { anchor: size } });
    case 'null':
      return 'null';
    case 'huge':
      return JSON.stringify({ user: { name: 'x'.repeat(size) } });
    case 'nested':
      return '{"a":'.repeat(size % 200) + '1' + '}'.repeat(size % 200);
    case 'broken':
      return '{"user":';
    case 'scalar':
      return String(size);
    case 'array':
      return '[1,2,3]';
  }
}

function toEntry(spec: EntrySpec, honest: Honest): PresenceEntry {
  const ids: Record<Who, number> = {
    ada: honest.ada.doc.clientID,
    bob: honest.bob.doc.clientID,
    self: honest.selfId,
    fresh: spec.freshId,
  };
  const clientId = ids[spec.who];
  const known = honest.bob.provider.awareness.meta.get(clientId)?.clock ?? 0;
  const clocks = { known, next: known + 1, zero: 0, huge: Number.MAX_SAFE_INTEGER };
  const clock = typeof spec.clock === 'number' ? known + spec.clock : clocks[spec.clock];
  return { clientId, clock, json: stateJson(spec.state, spec.size) };
}

function toFrame(spec: FrameSpec, honest: Honest): Uint8Array {
  switch (spec.kind) {
    case 'query':
      return Uint8Array.of(MessageType.QueryAwareness);
    case 'flood':
      return awarenessMessage(
        awarenessUpdate(
          Array.from({ length: spec.count }, (_, i) => ({ clientId: 5_000_000 + i, clock: 1, json: '{"user":{}}' })),
        ),
      );
    case 'entries':
      return awarenessMessage(awarenessUpdate(spec.entries.map((entry) => toEntry(entry, honest))));
    case 'truncated': {
      const frame = awarenessMessage(awarenessUpdate(spec.entries.map((entry) => toEntry(entry, honest))));
      return frame.slice(0, Math.max(1, frame.byteLength - spec.cut));
    }
    case 'count-mismatch': {
      const update = awarenessUpdate(spec.entries.map((entry) => toEntry(entry, honest)));
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, spec.entries.length + spec.extra);
      // Drop the real count (one byte: at most 6 entries) and keep the rest as is.
      encoding.writeUint8Array(encoder, update.subarray(1));
      return awarenessMessage(encoding.toUint8Array(encoder));
    }
  }
}

/** Sends frames over a raw WebSocket and resolves once the server has dropped the socket. */
async function sendOverWebSocket(server: TestServer, name: string, frames: Uint8Array[]): Promise<void> {
  const socket = rawSocket(server.wsUrl, name);
  await socket.opened;
  for (const frame of frames) socket.ws.send(frame, () => undefined);
  socket.ws.close();
  await socket.closed;
}

/** Sends frames over the HTTP transport, one POST each, then ends the event stream. */
async function sendOverHttp(server: TestServer, name: string, frames: Uint8Array[]): Promise<void> {
  const abort = new AbortController();
  const res = await fetch(`${server.url}/api/docs/${name}/events`, { signal: abort.signal });
  const reader = res.body!.getReader();
  let text = '';
  while (!/event: session\ndata: (\S+)/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
  const session = /event: session\ndata: (\S+)/.exec(text)![1];
  for (const frame of frames) {
    const body = encoding.createEncoder();
    encoding.writeVarUint8Array(body, frame);
    const posted = await fetch(`${server.url}/api/docs/${name}/events/${session}`, {
      method: 'POST',
      body: encoding.toUint8Array(body),
    });
    if (posted.status === 404) break; // the server closed the session: later frames go nowhere
  }
  abort.abort();
}

const others = (client: TestClient): number[] =>
  [...client.provider.awareness.getStates().keys()].filter((id) => id !== client.doc.clientID).sort();
const nameOf = (observer: TestClient, id: number): string | undefined =>
  (observer.provider.awareness.getStates().get(id) as { user?: { name?: string } } | undefined)?.user?.name;

describe('presence fuzz (SPEC: WebSocket, awareness; issue #18)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  async function connections(): Promise<number> {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { connections: number }).connections;
  }

  async function run({ overHttp, frames }: Scenario): Promise<void> {
    const name = docName();
    const ada = connectClient(server.wsUrl, name);
    const bob = connectClient(server.wsUrl, name);
    const fresh: TestClient[] = [];
    try {
      await Promise.all([ada.synced, bob.synced]);
      ada.text.insert(0, 'hello');
      ada.provider.awareness.setLocalStateField('user', { name: 'Ada' });
      bob.provider.awareness.setLocalStateField('user', { name: 'Bob' });
      await waitFor(() => nameOf(bob, ada.doc.clientID) === 'Ada' && nameOf(ada, bob.doc.clientID) === 'Bob');
      const honest = { ada, bob, selfId: 3_000_000 + Math.floor(Math.random() * 1000) };
      const bytes = frames.map((spec) => toFrame(spec, honest));
      await (overHttp ? sendOverHttp(server, name, bytes) : sendOverWebSocket(server, name, bytes));
      // Once only Ada and Bob are connected, the attacker's leave has been handled.
      await waitFor(async () => (await connections()) === 2, { what: 'the attacker gone' });
      const newcomer = connectClient(server.wsUrl, name);
      fresh.push(newcomer);
      await newcomer.synced;
      const honestIds = [ada.doc.clientID, bob.doc.clientID].sort();
      await waitFor(
        () => others(newcomer).join() === honestIds.join() && others(bob).join() === `${ada.doc.clientID}`,
        {
          what: 'exactly the honest presence',
        },
      );
      expect([nameOf(newcomer, ada.doc.clientID), nameOf(newcomer, bob.doc.clientID)]).toEqual(['Ada', 'Bob']);
      expect([nameOf(bob, ada.doc.clientID), nameOf(ada, bob.doc.clientID)]).toEqual(['Ada', 'Bob']);
      expect(newcomer.text.toString()).toBe('hello');
      ada.text.insert(5, ' again');
      await waitFor(() => newcomer.text.toString() === 'hello again', { what: 'a later edit' });
    } finally {
      for (const client of [ada, bob, ...fresh]) client.destroy();
      await waitFor(async () => (await connections()) === 0, { what: 'clients gone' });
    }
  }

  it(`keeps honest presence and the document intact (seed ${SEED}, ${RUNS} runs)`, async () => {
    console.log(`presence fuzz: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}`);
    await fc.assert(fc.asyncProperty(scenario, run), { numRuns: RUNS, seed: SEED, endOnFailure: true });
  }, 120_000);
});
