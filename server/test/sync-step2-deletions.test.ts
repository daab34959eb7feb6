import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import * as Y from 'yjs';
import type { StartOptions } from '../src/index.js';
import { docKeys } from '../src/cluster/redis-keys.js';
import {
  docName,
  HAS_POSTGRES,
  HAS_REDIS,
  startTestServer,
  useClients,
  usePostgres,
  useRedis,
  useServers,
  waitFor,
  type TestClient,
  type TestServer,
} from './helpers.js';
import { deletedClientsOf, deletedIn, relayedTo } from './relayed-updates.js';

/**
 * Issue #19: a client coming back online sends its offline edits as a sync step 2, which
 * the server stores as Yjs re-encodes it. When it deletes a paragraph that, meanwhile,
 * got words from someone else, Yjs lists those words as deleted too (a deleted type
 * deletes its children). Relayed like that, the typist would be told their own words were
 * deleted by someone who never saw them; the relayed update lists only what the sender did,
 * on every instance of a cluster.
 */
const servers = useServers();
const redisServers = useRedis();
const postgres = usePostgres();
const clients = useClients();

function paragraphText(client: TestClient): string {
  return client.doc.get('body', Y.XmlText).toString();
}

/**
 * `a` adds a paragraph and goes offline; `b` types into it, and once `watcher` (a client of
 * `a`'s server) has those words, `a` deletes the paragraph and comes back. Resolves, once
 * all agree, to every update `b` was relayed meanwhile that deletes something.
 */
async function deleteWhileTheOtherTypes(a: TestClient, b: TestClient, watcher: TestClient): Promise<Uint8Array[]> {
  a.doc.transact(() => {
    const paragraph = new Y.XmlText();
    a.doc.get('body', Y.XmlText).insertEmbed(0, paragraph);
    paragraph.insertEmbed(0, new Y.XmlText('x'));
  });
  await waitFor(() => paragraphText(b) === paragraphText(a) && paragraphText(a).includes('x'));
  a.provider.disconnect();
  const seenByB = relayedTo(b);
  const typed = b.doc.get('body', Y.XmlText).toDelta()[0].insert.toDelta()[0].insert as Y.XmlText;
  typed.insert(1, ' words of b');
  // The server `a` returns to holds the words, so deleting the paragraph there lists them.
  await waitFor(() => paragraphText(watcher).includes('words of b'), { what: "b's words on a's server" });
  a.doc.get('body', Y.XmlText).delete(0, 1);
  a.provider.connect();
  await waitFor(() => [a, b, watcher].every((client) => paragraphText(client) === ''), { what: 'all agree' });
  return seenByB.filter((update) => deletedClientsOf(update).length > 0);
}

/** `clients` hold what `a` holds: the same items, the same deletions. */
function expectSameAs(a: TestClient, others: TestClient[]): void {
  for (const client of others) {
    expect(Y.encodeStateVector(client.doc)).toEqual(Y.encodeStateVector(a.doc));
    expect(Y.equalDeleteSets(deletedIn(client), deletedIn(a))).toBe(true);
  }
}

/**
 * Two instances with these options: `a` and `watcher` on one, `b` on the other, all
 * synced on a new document; `start` starts another instance like them.
 */
async function typistOnAnotherInstance(options: StartOptions): Promise<{
  a: TestClient;
  b: TestClient;
  watcher: TestClient;
  name: string;
  start(): Promise<TestServer>;
}> {
  const start = async (): Promise<TestServer> => servers.track(await startTestServer(options));
  const [one, two] = await Promise.all([start(), start()]);
  const name = docName();
  const [a, watcher] = await clients.pair(one.wsUrl, name);
  const b = clients.connect(two.wsUrl, name);
  await b.synced;
  return { a, b, watcher, name, start };
}

/** `a` deletes a paragraph `b` typed into on another instance; `b` is never told its words were deleted. */
async function expectOnlySenderDeletions(a: TestClient, b: TestClient, watcher: TestClient): Promise<void> {
  const deleting = await deleteWhileTheOtherTypes(a, b, watcher);
  expect(deleting.length).toBeGreaterThan(0);
  for (const update of deleting) expect(deletedClientsOf(update)).not.toContain(b.doc.clientID);
}

async function freshClient(server: TestServer, name: string): Promise<TestClient> {
  const fresh = clients.connect(server.wsUrl, name);
  await fresh.synced;
  return fresh;
}

describe('a sync step 2 relayed to the others', () => {
  it("lists only the sender's deletions, never words it did not see", async () => {
    const server = servers.track(await startTestServer());
    const name = docName();
    const [a, b] = await clients.pair(server.wsUrl, name);
    const deleting = await deleteWhileTheOtherTypes(a, b, b);
    expect(deleting.length).toBeGreaterThan(0);
    for (const update of deleting) expect(deletedClientsOf(update)).not.toContain(b.doc.clientID);
    // Everyone, and the document as stored, ends the same.
    expectSameAs(a, [b, await freshClient(server, name)]);
  });

  it.skipIf(!HAS_REDIS)(
    "reaches a typist on another instance with only the sender's deletions; a cold open gives the same document",
    async () => {
      const { url: redisUrl } = await redisServers.start();
      const { a, b, watcher, name, start } = await typistOnAnotherInstance({ redisUrl });
      await expectOnlySenderDeletions(a, b, watcher);
      // Redis keeps the whole change: an instance that loads the document afresh has it all.
      expectSameAs(a, [b, watcher, await freshClient(await start(), name)]);
    },
  );

  it.skipIf(!HAS_REDIS || !HAS_POSTGRES)(
    'with --postgres too, and the document moved to Postgres opens the same',
    async () => {
      const { url: redisUrl } = await redisServers.start();
      const postgresUrl = await postgres.server.newDatabase();
      const { a, b, watcher, name, start } = await typistOnAnotherInstance({
        redisUrl,
        postgresUrl,
        unloadGraceMs: 300,
      });
      await expectOnlySenderDeletions(a, b, watcher);
      const expected = new Y.Doc();
      Y.applyUpdate(expected, Y.encodeStateAsUpdate(a.doc));
      for (const client of [a, b, watcher]) client.destroy();
      const inspect = new Redis(redisUrl);
      servers.track({ close: async () => inspect.disconnect() });
      await waitFor(async () => (await inspect.exists(docKeys(name).log)) === 0, {
        what: 'the document moved to Postgres',
      });
      const fresh = await freshClient(await start(), name);
      expect(Y.encodeStateVector(fresh.doc)).toEqual(Y.encodeStateVector(expected));
      expect(Y.equalDeleteSets(deletedIn(fresh), Y.createDeleteSetFromStructStore(expected.store))).toBe(true);
    },
  );
});
