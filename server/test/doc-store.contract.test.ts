import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { Redis } from 'ioredis';
import { RedisStore } from '../src/cluster/redis-store.js';
import { NO_OBSERVER } from '../src/storage/doc-store.js';
import { LevelStore } from '../src/storage/level-store.js';
import { docStoreContract } from './contracts/doc-store.contract.js';
import { HAS_REDIS, makeTempDir, startRedis, type TestRedis } from './helpers.js';

/** Every DocStore runs the same contract (STYLE §7): real LevelDB in temp folders, real redis-server. */
for (const relayLog of [false, true]) {
  docStoreContract(
    relayLog ? 'LevelDB with the relay log' : 'LevelDB',
    async () => {
      const { dir, remove } = await makeTempDir('quire-contract-');
      const store = await LevelStore.open(dir, NO_OBSERVER, 0, relayLog);
      let closing: Promise<void> | undefined;
      const closeOnce = (): Promise<void> => (closing ??= store.close());
      return {
        store,
        breakStorage: closeOnce,
        close: async () => {
          await closeOnce();
          await remove();
        },
      };
    },
    { sharesStorage: false, syncs: true },
  );
}

let redis: TestRedis | undefined;

/** A command connection set up as cluster mode sets it up: failing fast while Redis is away. */
async function connect(url: string): Promise<Redis> {
  const connection = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  await new Promise((resolve) => connection.once('ready', resolve));
  return connection;
}

beforeAll(async () => {
  if (HAS_REDIS) redis = await startRedis();
});
afterAll(async () => {
  await redis?.remove();
});

if (HAS_REDIS) {
  docStoreContract(
    'Redis',
    async () => {
      const connection = await connect(redis!.url);
      const store = new RedisStore(connection, randomUUID(), NO_OBSERVER);
      const peers: Redis[] = [];
      return {
        store,
        openPeer: async () => {
          const peer = await connect(redis!.url);
          peers.push(peer);
          return new RedisStore(peer, randomUUID(), NO_OBSERVER);
        },
        breakStorage: () => Promise.resolve(connection.disconnect()),
        close: async () => {
          await store.close();
          for (const peer of peers) peer.disconnect();
          connection.disconnect();
        },
      };
    },
    { sharesStorage: true },
  );
}
