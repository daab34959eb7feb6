import { afterAll, beforeAll } from 'vitest';
import { pino } from 'pino';
import { openRedisCluster } from '../src/cluster/redis-cluster.js';
import { LOCAL_FANOUT } from '../src/storage/fanout.js';
import { NO_OBSERVER } from '../src/storage/doc-store.js';
import { LevelStore } from '../src/storage/level-store.js';
import { fanoutContract } from './contracts/fanout.contract.js';
import { HAS_REDIS, makeTempDir, startRedis, type TestRedis } from './helpers.js';

/** Every fan-out runs the same contract (STYLE §7): the single-node one and Redis, with real redis-server. */
fanoutContract(
  'single node',
  async () => {
    const { dir, remove } = await makeTempDir('quire-fanout-');
    return {
      join: async () => {
        const store = await LevelStore.open(dir);
        return { store, fanout: LOCAL_FANOUT, close: () => store.close() };
      },
      close: remove,
    };
  },
  { multiNode: false },
);

let redis: TestRedis | undefined;
beforeAll(async () => {
  if (HAS_REDIS) redis = await startRedis();
});
afterAll(async () => {
  await redis?.remove();
});

if (HAS_REDIS) {
  fanoutContract(
    'Redis',
    async () => ({
      join: async () => {
        const cluster = await openRedisCluster(redis!.url, pino({ level: 'silent' }), NO_OBSERVER);
        return { store: cluster.store, fanout: cluster.fanout, close: cluster.close };
      },
      close: () => Promise.resolve(),
    }),
    { multiNode: true },
  );
}
