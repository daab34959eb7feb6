import { afterAll, beforeAll } from 'vitest';
import { Redis } from 'ioredis';
import { RedisOutbox } from '../src/cluster/redis-outbox.js';
import { LevelStore } from '../src/storage/level-store.js';
import { webhookOutboxContract } from './contracts/webhook-outbox.contract.js';
import { HAS_REDIS, makeTempDir, startRedis, type TestRedis } from './helpers.js';

/** Every store's webhook outbox runs the same contract: real LevelDB, real redis-server. */
webhookOutboxContract('LevelDB', async () => {
  const { dir, remove } = await makeTempDir('quire-outbox-');
  let store = await LevelStore.open(dir);
  const harness = {
    outbox: await store.openOutbox(),
    reopen: async () => {
      await store.close();
      store = await LevelStore.open(dir);
      return store.openOutbox();
    },
    close: async () => {
      await store.close();
      await remove();
    },
  };
  return harness;
});

let redis: TestRedis | undefined;
beforeAll(async () => {
  if (HAS_REDIS) redis = await startRedis();
});
afterAll(async () => {
  await redis?.remove();
});

async function connect(url: string): Promise<Redis> {
  const connection = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  await new Promise((resolve) => connection.once('ready', resolve));
  return connection;
}

if (HAS_REDIS) {
  webhookOutboxContract('Redis', async () => {
    const connections = [await connect(redis!.url)];
    await connections[0]!.flushall();
    const open = async (): Promise<RedisOutbox> => {
      const connection = await connect(redis!.url);
      connections.push(connection);
      return new RedisOutbox(connection);
    };
    return {
      outbox: new RedisOutbox(connections[0]!),
      reopen: open,
      openPeer: open,
      close: async () => {
        for (const connection of connections) connection.disconnect();
      },
    };
  });
}
