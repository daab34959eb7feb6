import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, MessageType } from '@quire/shared';
import { MAX_AWARENESS_ENTRIES, MAX_AWARENESS_STATE_CHARS } from '../src/protocol/decode.js';
import { MAX_PRESENCE_IDS_PER_CONN } from '../src/rooms/room-presence.js';
import {
  closeCodesOf,
  docName,
  HAS_REDIS,
  makeToken,
  startTestServer,
  TEST_SECRET,
  useClients,
  useRedis,
  useServers,
  waitFor,
  type RawSocket,
  type TestClient,
} from './helpers.js';
import { awarenessFrame, fakeIds, knownClock, shownName } from './presence-helpers.js';

/**
 * SPEC: WebSocket, awareness; issue #18 finding 3 — presence belongs to the connection that
 * announced it first. Raw frames write, null and flood other clients' presence; the honest
 * clients' presence stays as they set it and they keep editing.
 */
const servers = useServers();
const redis = useRedis();

const clients = useClients();
const client = (url: string, name: string, params?: Record<string, string>): TestClient =>
  clients.connect(url, name, { params });
const socket = (url: string, path: string): RawSocket => clients.raw(url, path);
const token = (access: 'read' | 'write'): Promise<string> => makeToken({ docs: ['*'], access, sub: access });

/** Ada shows her presence and Bob watches it, both on `url` (or Bob on `bobUrl`). */
async function adaAndBob(url: string, name: string, params?: Record<string, string>, bobUrl = url) {
  const ada = client(url, name, params);
  const bob = client(bobUrl, name, params);
  await Promise.all([ada.synced, bob.synced]);
  ada.provider.awareness.setLocalStateField('user', { name: 'Ada' });
  await waitFor(() => shownName(bob, ada.doc.clientID) === 'Ada', { what: "Ada's presence on Bob" });
  return { ada, bob };
}

/** Frames are handled in order: once Bob sees `marker` from `attacker`, everything before it was. */
async function afterEarlierFrames(attacker: RawSocket, bob: TestClient, id: number, marker: string): Promise<void> {
  attacker.ws.send(awarenessFrame([{ clientId: id, clock: 1, json: JSON.stringify({ user: { name: marker } }) }]));
  await waitFor(() => shownName(bob, id) === marker, { what: `marker ${marker}` });
}

/** Ada's presence is intact for Bob and a newcomer, and her edits still reach Bob. */
async function expectUnaffected(url: string, name: string, ada: TestClient, bob: TestClient): Promise<void> {
  expect(shownName(bob, ada.doc.clientID)).toBe('Ada');
  const newcomer = client(url, name, ada.provider.params);
  await waitFor(() => shownName(newcomer, ada.doc.clientID) === 'Ada', { what: "Ada's presence on a newcomer" });
  ada.text.insert(0, 'still editing ');
  await waitFor(() => bob.text.toString().startsWith('still editing '), { what: "Ada's edit on Bob" });
}

describe('presence ownership (SPEC: WebSocket, awareness)', () => {
  it("a read-only connection cannot rename, null or take another client's presence away when it leaves", async () => {
    const server = servers.track(await startTestServer({ authSecret: TEST_SECRET }));
    const name = docName();
    const { ada, bob } = await adaAndBob(server.wsUrl, name, { token: await token('write') });
    const attacker = socket(server.wsUrl, `${name}?token=${await token('read')}`);
    await attacker.opened;
    const adaId = ada.doc.clientID;
    const clock = knownClock(bob, adaId);
    attacker.ws.send(awarenessFrame([{ clientId: adaId, clock: clock + 10, json: '{"user":{"name":"Mallory"}}' }]));
    attacker.ws.send(awarenessFrame([{ clientId: adaId, clock: clock + 20, json: 'null' }]));
    await afterEarlierFrames(attacker, bob, 4242, 'attacker');
    expect(shownName(bob, adaId)).toBe('Ada');
    attacker.ws.close();
    await waitFor(() => !bob.provider.awareness.getStates().has(4242), { what: "the attacker's own presence gone" });
    await expectUnaffected(server.wsUrl, name, ada, bob);
  });

  it("nobody writes presence under the server's own id, which would be renewed forever", async () => {
    const server = servers.track(
      await startTestServer({ initialContent: (doc) => doc.getText('t').insert(0, 'seeded') }),
    );
    const name = docName();
    const { ada, bob } = await adaAndBob(server.wsUrl, name);
    // The server seeded the document, so its id is the one author of the text.
    const [serverId] = [...Y.decodeStateVector(Y.encodeStateVector(bob.doc)).keys()];
    const attacker = socket(server.wsUrl, name);
    await attacker.opened;
    attacker.ws.send(awarenessFrame([{ clientId: serverId!, clock: 99, json: '{"user":{"name":"forever"}}' }]));
    await afterEarlierFrames(attacker, bob, 4444, 'attacker');
    expect(bob.provider.awareness.getStates().has(serverId!)).toBe(false);
    expect(ada.text.toString()).toBe('seeded');
  });

  it(`stock clients, which echo everyone's presence back, are never closed by the cap: ${MAX_PRESENCE_IDS_PER_CONN * 2} people see each other`, async () => {
    const server = servers.track(await startTestServer());
    const name = docName();
    const people = Array.from({ length: MAX_PRESENCE_IDS_PER_CONN * 2 }, () => client(server.wsUrl, name));
    const closes = people.map((person) => closeCodesOf(person));
    await Promise.all(people.map((person) => person.synced));
    people.forEach((person, i) => person.provider.awareness.setLocalStateField('user', { name: `person ${i}` }));
    await waitFor(
      () =>
        people.every((person) => people.every((other, i) => shownName(person, other.doc.clientID) === `person ${i}`)),
      { what: 'everyone sees everyone' },
    );
    people[0]!.provider.awareness.setLocalStateField('user', { name: 'renamed' });
    await waitFor(() => people.every((person) => shownName(person, people[0]!.doc.clientID) === 'renamed'), {
      what: 'the rename everywhere',
    });
    expect(closes.flat()).toEqual([]);
  });

  it('ids are free again once their owner has left', async () => {
    const server = servers.track(await startTestServer());
    const name = docName();
    const { bob } = await adaAndBob(server.wsUrl, name);
    const first = socket(server.wsUrl, name);
    await first.opened;
    await afterEarlierFrames(first, bob, 5151, 'first');
    first.ws.close();
    await waitFor(() => !bob.provider.awareness.getStates().has(5151), { what: 'first owner gone' });
    const second = socket(server.wsUrl, name);
    await second.opened;
    const clock = knownClock(bob, 5151);
    second.ws.send(awarenessFrame([{ clientId: 5151, clock: clock + 1, json: '{"user":{"name":"second"}}' }]));
    await waitFor(() => shownName(bob, 5151) === 'second', { what: 'the id reused by the next owner' });
  });
});

describe('presence caps (SPEC: WebSocket, awareness)', () => {
  const flood = (count: number, json = '{"user":{"name":"fake"}}') =>
    awarenessFrame(fakeIds(count).map((clientId) => ({ clientId, clock: 1, json })));

  const cases = [
    { what: '2,000 fake presences in one frame', frame: flood(2_000), code: CloseCode.RateLimited },
    {
      what: `${MAX_PRESENCE_IDS_PER_CONN + 1} presences in one frame`,
      frame: flood(MAX_PRESENCE_IDS_PER_CONN + 1),
      code: CloseCode.RateLimited,
    },
    {
      what: `${MAX_AWARENESS_ENTRIES + 1} entries, even for ids nobody owns, with null states`,
      frame: flood(MAX_AWARENESS_ENTRIES + 1, 'null'),
      code: CloseCode.RateLimited,
    },
    {
      what: 'a clock so high that removing the state would overflow what clients decode',
      frame: awarenessFrame([{ clientId: 1_000_000, clock: Number.MAX_SAFE_INTEGER, json: '{}' }]),
      code: CloseCode.UnsupportedData,
    },
    { what: 'a state that is not an object', frame: flood(1, '"just a string"'), code: CloseCode.UnsupportedData },
    {
      what: `a state over ${MAX_AWARENESS_STATE_CHARS} characters`,
      frame: flood(1, JSON.stringify({ user: { name: 'x'.repeat(MAX_AWARENESS_STATE_CHARS) } })),
      code: CloseCode.TooLarge,
    },
  ];
  for (const { what, frame, code } of cases) {
    it(`${what}: closed with ${code}, nobody sees any of it, Ada's presence and edits carry on`, async () => {
      const server = servers.track(await startTestServer());
      const name = docName();
      const { ada, bob } = await adaAndBob(server.wsUrl, name);
      const attacker = socket(server.wsUrl, name);
      await attacker.opened;
      attacker.ws.send(frame);
      expect((await attacker.closed).code).toBe(code);
      const fakes = new Set(fakeIds(MAX_AWARENESS_ENTRIES + 1));
      expect([...bob.provider.awareness.getStates().keys()].filter((id) => fakes.has(id))).toEqual([]);
      await expectUnaffected(server.wsUrl, name, ada, bob);
    });
  }

  it(`a connection showing ${MAX_PRESENCE_IDS_PER_CONN} presences is closed with 1008 for one more; its presences go`, async () => {
    const server = servers.track(await startTestServer());
    const name = docName();
    const { ada, bob } = await adaAndBob(server.wsUrl, name);
    const attacker = socket(server.wsUrl, name);
    await attacker.opened;
    const ids = fakeIds(MAX_PRESENCE_IDS_PER_CONN + 1);
    for (const id of ids.slice(0, -1)) await afterEarlierFrames(attacker, bob, id, `fake ${id}`);
    attacker.ws.send(awarenessFrame([{ clientId: ids.at(-1)!, clock: 1, json: '{"user":{"name":"one too many"}}' }]));
    expect((await attacker.closed).code).toBe(CloseCode.RateLimited);
    await waitFor(() => ids.every((id) => !bob.provider.awareness.getStates().has(id)), { what: 'fakes removed' });
    await expectUnaffected(server.wsUrl, name, ada, bob);
  });

  it("query-awareness answers count against the asker's byte rate, so tiny queries cannot buy large answers", async () => {
    const maxBytesPerSecond = 32 * 1024;
    const server = servers.track(await startTestServer({ maxBytesPerSecond, maxMessageBytes: maxBytesPerSecond * 2 }));
    const name = docName();
    const { ada, bob } = await adaAndBob(server.wsUrl, name);
    bob.provider.awareness.setLocalStateField('bio', 'b'.repeat(MAX_AWARENESS_STATE_CHARS - 100));
    await waitFor(() => ada.provider.awareness.getStates().get(bob.doc.clientID)?.bio !== undefined, {
      what: "Bob's long presence on Ada",
    });
    const asker = socket(server.wsUrl, name);
    await asker.opened;
    for (let i = 0; i < 40; i++) asker.ws.send(Uint8Array.of(MessageType.QueryAwareness));
    expect((await asker.closed).code).toBe(CloseCode.RateLimited);
    const received = asker.messages.reduce((sum, message) => sum + message.byteLength, 0);
    // The burst is twice the rate here; the greeting is free, as it is for every joiner.
    expect(received).toBeLessThan(maxBytesPerSecond * 2 + 2 * MAX_AWARENESS_STATE_CHARS);
    await expectUnaffected(server.wsUrl, name, ada, bob);
  });
});

describe.skipIf(!HAS_REDIS)('presence ownership across instances (SPEC: Cluster mode)', () => {
  it("a client on another instance cannot rename or null a client's presence", async () => {
    const { url: redisUrl } = await redis.start();
    const [a, b] = await Promise.all([startTestServer({ redisUrl }), startTestServer({ redisUrl })]);
    servers.track(a!);
    servers.track(b!);
    const name = docName();
    const { ada, bob } = await adaAndBob(a!.wsUrl, name, undefined, b!.wsUrl);
    const attacker = socket(b!.wsUrl, name);
    await attacker.opened;
    const adaId = ada.doc.clientID;
    const clock = knownClock(bob, adaId);
    attacker.ws.send(awarenessFrame([{ clientId: adaId, clock: clock + 10, json: '{"user":{"name":"Mallory"}}' }]));
    attacker.ws.send(awarenessFrame([{ clientId: adaId, clock: clock + 20, json: 'null' }]));
    await afterEarlierFrames(attacker, bob, 4343, 'attacker');
    const onA = client(a!.wsUrl, name);
    await waitFor(() => shownName(onA, 4343) === 'attacker', { what: "the attacker's own presence on A" });
    expect(shownName(onA, adaId)).toBe('Ada');
    expect(shownName(bob, adaId)).toBe('Ada');
    await expectUnaffected(b!.wsUrl, name, ada, bob);
  });
});
