import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { openPostgresBehind } from '../src/cluster/postgres-behind.js';
import { openRedisCluster } from '../src/cluster/redis-cluster.js';
import { NO_OBSERVER } from '../src/storage/doc-store.js';
import { LOCAL_FANOUT } from '../src/storage/fanout.js';
import { openPool } from '../src/storage/postgres/pg-connection.js';
import { PgStore } from '../src/storage/postgres/pg-store.js';
import { openMigratedPool } from '../src/storage/postgres/schema.js';
import { docStoreContract } from './contracts/doc-store.contract.js';
import { fanoutContract } from './contracts/fanout.contract.js';
import { HAS_POSTGRES, HAS_REDIS, startPostgres, startRedis, type TestPostgres, type TestRedis } from './helpers.js';

/**
 * The DocStore and fan-out contracts (STYLE §7) on a real Postgres: `--postgres` alone, and
 * behind a real redis-server (`--redis` with `--postgres`).
 */
let postgres: TestPostgres | undefined;
let redis: TestRedis | undefined;
let url = '';
const silent = pino({ level: 'silent' });
const QUIET = { onUnreachable: () => undefined, onReachable: () => undefined };

beforeAll(async () => {
  if (!HAS_POSTGRES) return;
  postgres = await startPostgres();
  url = await postgres.newDatabase();
  await (await openMigratedPool(url, () => undefined)).end();
  if (HAS_REDIS) redis = await startRedis();
});
afterAll(async () => {
  await redis?.remove();
  await postgres?.remove();
});

/** A command connection set up as cluster mode sets it up: failing fast while Redis is away. */
async function connect(redisUrl: string): Promise<Redis> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  await new Promise((resolve) => connection.once('ready', resolve));
  return connection;
}

/** One instance's store of Redis + Postgres, and how to let go of it. */
async function redisPgInstance(): Promise<{
  store: ReturnType<typeof openPostgresBehind>['store'];
  breakStorage(): Promise<void>;
  close(): Promise<void>;
}> {
  const connection = await connect(redis!.url);
  const pool = openPool(url, () => undefined);
  const behind = openPostgresBehind(
    { pool, graceMs: 60_000 },
    { redis: connection, instanceId: randomUUID(), logger: silent, observer: NO_OBSERVER },
  );
  return {
    store: behind.store,
    breakStorage: async () => {
      connection.disconnect();
      await pool.end();
    },
    close: async () => {
      await behind.stop();
      connection.disconnect();
    },
  };
}

if (HAS_POSTGRES) {
  docStoreContract(
    'Postgres',
    async () => {
      const pool = openPool(url, () => undefined);
      const store = new PgStore(pool, { observer: NO_OBSERVER, ...QUIET });
      return { store, breakStorage: () => pool.end(), close: () => store.close() };
    },
    { sharesStorage: false },
  );

  fanoutContract(
    'Postgres alone',
    async () => ({
      join: async () => {
        const store = new PgStore(
          openPool(url, () => undefined),
          { observer: NO_OBSERVER, ...QUIET },
        );
        return { store, fanout: LOCAL_FANOUT, close: () => store.close() };
      },
      close: () => Promise.resolve(),
    }),
    { multiNode: false },
  );
}

if (HAS_POSTGRES && HAS_REDIS) {
  docStoreContract(
    'Redis + Postgres',
    async () => {
      const instance = await redisPgInstance();
      const peers: Awaited<ReturnType<typeof redisPgInstance>>[] = [];
      return {
        store: instance.store,
        openPeer: async () => {
          const peer = await redisPgInstance();
          peers.push(peer);
          return peer.store;
        },
        breakStorage: () => instance.breakStorage(),
        close: async () => {
          await instance.close();
          for (const peer of peers) await peer.close();
        },
      };
    },
    { sharesStorage: true },
  );

  fanoutContract(
    'Redis + Postgres',
    async () => ({
      join: async () => {
        const pool = openPool(url, () => undefined);
        const cluster = await openRedisCluster(redis!.url, silent, NO_OBSERVER, { pool, graceMs: 60_000 });
        return { store: cluster.store, fanout: cluster.fanout, close: cluster.close };
      },
      close: () => Promise.resolve(),
    }),
    { multiNode: true },
  );
}
