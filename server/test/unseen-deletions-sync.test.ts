import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { StartOptions } from '../src/index.js';
import {
  docName,
  HAS_REDIS,
  startTestServer,
  useClients,
  useRedis,
  useServers,
  waitFor,
  type TestClient,
} from './helpers.js';
import { deletedIn, relayedTo } from './relayed-updates.js';

/**
 * Issue #19 (editing fuzz seed 2 at 48 steps): `b` types into a paragraph `a`, offline,
 * had seen empty and deletes; `a` comes back while `b` is offline in turn. The server
 * deletes `b`'s words with the paragraph. When `b` comes back, the sync step 2 it gets must
 * not list those words as deleted, or `b`'s editor takes them for words someone saw and
 * deleted, and never writes them back (rooms/unseen-deletions.ts). Stock y-websocket
 * clients still all end with the same document.
 */
const servers = useServers();
const redisServers = useRedis();
const clients = useClients();

const body = (client: TestClient): Y.XmlText => client.doc.get('body', Y.XmlText);
const paragraphText = (client: TestClient): string => body(client).toString();

/** Runs the scenario (`meanwhile` just before `b` comes back); resolves to the updates `b` got on coming back. */
async function deleteUnseenWhileTypistAway(
  a: TestClient,
  b: TestClient,
  watcher: TestClient,
  meanwhile = async (): Promise<void> => undefined,
): Promise<Uint8Array[]> {
  a.doc.transact(() => {
    const paragraph = new Y.XmlText();
    body(a).insertEmbed(0, paragraph);
    paragraph.insertEmbed(0, new Y.XmlText(''));
  });
  await waitFor(() => [b, watcher].every((client) => body(client).length === 1), { what: 'the paragraph everywhere' });
  a.provider.disconnect();
  (body(b).toDelta()[0].insert.toDelta()[0].insert as Y.XmlText).insert(0, 'words of b');
  await waitFor(() => paragraphText(watcher).includes('words of b'), { what: "b's words on the server" });
  b.provider.disconnect();
  body(a).delete(0, 1);
  a.provider.connect();
  await waitFor(() => body(watcher).length === 0, { what: "a's deletion on the server" });
  await meanwhile();
  b.provider.connect();
  const received = relayedTo(b);
  await waitFor(() => body(b).length === 0, { what: 'b to take in the deletion' });
  return received;
}

/** `b`'s words are deleted everywhere, yet what `b` got lists only the paragraph. */
function expectUnlisted(received: Uint8Array[], a: TestClient, b: TestClient, others: TestClient[]): void {
  const deleting = received.filter((update) => Y.decodeUpdate(update).ds.clients.has(a.doc.clientID));
  expect(deleting.length).toBeGreaterThan(0);
  for (const update of deleting) expect(Y.decodeUpdate(update).ds.clients.has(b.doc.clientID)).toBe(false);
  for (const client of others) {
    expect(Y.encodeStateVector(client.doc)).toEqual(Y.encodeStateVector(b.doc));
    expect(Y.equalDeleteSets(deletedIn(client), deletedIn(b))).toBe(true);
  }
}

async function freshClient(wsUrl: string, name: string): Promise<TestClient> {
  const fresh = clients.connect(wsUrl, name);
  await fresh.synced;
  return fresh;
}

describe('the sync step 2 of a client that was away while a block it typed into was deleted unseen', () => {
  it('does not list its words as deleted; stock clients still end the same', async () => {
    const server = servers.track(await startTestServer());
    const name = docName();
    const [a, b] = await clients.pair(server.wsUrl, name);
    const watcher = await freshClient(server.wsUrl, name);
    const received = await deleteUnseenWhileTypistAway(a, b, watcher);
    expectUnlisted(received, a, b, [a, watcher, await freshClient(server.wsUrl, name)]);
  });

  it('nor after the server restarted in between', async () => {
    const server = servers.track(await startTestServer());
    const name = docName();
    const [a, b] = await clients.pair(server.wsUrl, name);
    const watcher = await freshClient(server.wsUrl, name);
    const restart = async (): Promise<void> => {
      servers.track(await server.restart({ port: server.port }));
      await waitFor(() => a.provider.synced && watcher.provider.synced, { what: 'the others back' });
    };
    const received = await deleteUnseenWhileTypistAway(a, b, watcher, restart);
    expectUnlisted(received, a, b, [a, watcher, await freshClient(server.wsUrl, name)]);
  });

  it.skipIf(!HAS_REDIS)(
    'nor on another instance of a cluster, which heard of the deletion from the first',
    async () => {
      const { url: redisUrl } = await redisServers.start();
      const options: StartOptions = { redisUrl };
      const [one, two] = await Promise.all(
        [startTestServer(options), startTestServer(options)].map(async (s) => servers.track(await s)),
      );
      const name = docName();
      const [a, watcher] = await clients.pair(one!.wsUrl, name);
      const b = await freshClient(two!.wsUrl, name);
      const received = await deleteUnseenWhileTypistAway(a, b, watcher);
      expectUnlisted(received, a, b, [a, watcher, await freshClient(two!.wsUrl, name)]);
    },
  );
});
