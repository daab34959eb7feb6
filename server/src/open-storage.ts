import type { Logger } from 'pino';
import type { HealthResponse, ServerOptions, StoreHealth } from '@quire/shared';
import { LOCAL_FANOUT, type Fanout } from './storage/fanout.js';
import type { DocStore, StoreObserver } from './storage/doc-store.js';
import { LevelStore } from './storage/level-store.js';
import type { WebhookOutbox } from './storage/webhook-outbox.js';
import type { Pool } from 'pg';
import { PgProbe } from './storage/postgres/pg-probe.js';

/**
 * Picks where documents live (SPEC: Cluster mode): LevelDB in `--data` on a single node,
 * Postgres alone with `--postgres`, Redis (state, update streams, versions, document
 * index) with `--redis`, or Redis for live traffic in front of Postgres with both. It sits
 * beside server.ts because it composes storage/ and cluster/, which never import each
 * other upwards.
 */
export interface Storage {
  store: DocStore;
  fanout: Fanout;
  /** Whether the backing stores are reachable, as last found (cheap; for the metric). */
  isUp(): boolean;
  /** Each store of the set-up and whether it answers now (for `/healthz`). */
  health(): Promise<StoreHealth>;
  mode: 'leveldb' | 'redis' | 'postgres' | 'redis+postgres';
  /** The server is stopping: stop waiting for an unreachable store before long. */
  beginClose?(): void;
  /** The webhook outbox in the same store (SPEC: Webhooks); opened only when webhooks are on. */
  openOutbox(): Promise<WebhookOutbox>;
  close(): Promise<void>;
}

/** `unloadGraceMs`: how long a document nobody uses stays loaded (and, with both, in Redis). */
export async function openStorage(
  options: ServerOptions,
  logger: Logger,
  observer: StoreObserver,
  unloadGraceMs = options.unloadGraceSeconds * 1000,
): Promise<Storage> {
  if (options.redisUrl !== undefined)
    return openClusterStorage(options.redisUrl, options, logger, observer, unloadGraceMs);
  if (options.postgresUrl !== undefined) return openPostgresStorage(options.postgresUrl, logger, observer);
  return openLevelStorage(options, observer);
}

/** The storage part of `/healthz`: not ok (503) unless every store of the set-up answers. */
export async function storageHealth(storage: Storage): Promise<Pick<HealthResponse, 'ok' | 'storage' | 'stores'>> {
  const stores = await storage.health();
  return { ok: Object.values(stores).every(Boolean), storage: storage.mode, stores };
}

/** Redis alone, or Redis for live traffic in front of Postgres when `--postgres` is set too. */
async function openClusterStorage(
  redisUrl: string,
  options: ServerOptions,
  logger: Logger,
  observer: StoreObserver,
  unloadGraceMs: number,
): Promise<Storage> {
  const behind = options.postgresUrl === undefined ? undefined : await openPostgresBehind(options.postgresUrl, logger);
  const postgres = behind && { pool: behind.pool, graceMs: unloadGraceMs };
  // Loaded only in cluster mode: a single node never pays for the Redis client's memory.
  const { openRedisCluster } = await import('./cluster/redis-cluster.js');
  const cluster = await openRedisCluster(redisUrl, logger, observer, postgres);
  // With Postgres, pending webhooks live there with the documents; Redis carries only
  // live traffic (SPEC: Cluster mode).
  const outbox = behind?.outbox ?? cluster.outbox;
  const probe = behind && new PgProbe(behind.pool);
  return {
    store: cluster.store,
    fanout: cluster.fanout,
    isUp: () => cluster.isUp() && (probe?.sample() ?? true),
    health: async () => (probe ? { redis: cluster.isUp(), postgres: await probe.check() } : { redis: cluster.isUp() }),
    mode: postgres ? 'redis+postgres' : 'redis',
    openOutbox: () => Promise.resolve(outbox),
    close: cluster.close,
  };
}

/** Postgres alone: one instance owns the database. */
async function openPostgresStorage(url: string, logger: Logger, observer: StoreObserver): Promise<Storage> {
  const { PgHealth, PgStore } = await importPostgres();
  const health = new PgHealth(logger.child({ module: 'postgres' }));
  const store = await PgStore.open(url, health.hooks(observer));
  logger.info('documents live in Postgres');
  return {
    store,
    fanout: LOCAL_FANOUT,
    isUp: () => health.isUp && store.sampleReachable(),
    health: async () => ({ postgres: health.isUp && (await store.isReachable()) }),
    mode: 'postgres',
    beginClose: () => store.beginClose(),
    openOutbox: () => store.openOutbox(),
    close: () => store.close(),
  };
}

async function openLevelStorage(options: ServerOptions, observer: StoreObserver): Promise<Storage> {
  const store = await LevelStore.open(options.dataDir, observer, options.commitIntervalMs, options.relayLog);
  return {
    store,
    fanout: LOCAL_FANOUT,
    isUp: () => true,
    health: () => Promise.resolve({ leveldb: true }),
    mode: 'leveldb',
    openOutbox: () => store.openOutbox(),
    close: () => store.close(),
  };
}

/** Postgres as the system of record behind Redis: its migrated pool and the webhook outbox in it. */
async function openPostgresBehind(url: string, logger: Logger): Promise<{ pool: Pool; outbox: WebhookOutbox }> {
  const { PgOutbox, openMigratedPool } = await importPostgres();
  const pool = await openMigratedPool(url, (err) => logger.debug({ err }, 'an idle postgres connection broke'));
  return { pool, outbox: new PgOutbox(pool) };
}

// Loaded only when asked for: a server without Postgres never pays for its client.
async function importPostgres() {
  const [{ PgHealth }, { PgOutbox }, { PgStore }, { openMigratedPool }] = await Promise.all([
    import('./storage/postgres/pg-health.js'),
    import('./storage/postgres/pg-outbox.js'),
    import('./storage/postgres/pg-store.js'),
    import('./storage/postgres/schema.js'),
  ]);
  return { PgHealth, PgOutbox, PgStore, openMigratedPool };
}
