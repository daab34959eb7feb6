import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { StoreObserver } from '../storage/doc-store.js';
import { IdleSweeper } from './idle-sweeper.js';
import { Offloader } from './offloader.js';
import { RedisPgStore } from './redis-pg-store.js';

/**
 * Cluster mode with Postgres behind Redis (SPEC: Cluster mode, `--redis` with
 * `--postgres`): the store, the offloader that moves idle documents to Postgres, and the
 * sweeper that renews this instance's heartbeats and finds documents nobody holds.
 */
export interface PostgresBehind {
  /** A pool on a migrated database; ended when the cluster closes. */
  pool: pg.Pool;
  /** `--unload-grace-seconds`: how long a document nobody holds stays in Redis. */
  graceMs: number;
}

interface ClusterParts {
  redis: Redis;
  instanceId: string;
  logger: Logger;
  observer: StoreObserver;
}

/** Heartbeats and sweeps: often enough for short grace periods, at most once a second. */
function tickMsFor(graceMs: number): number {
  return Math.min(1_000, Math.max(100, Math.floor(graceMs / 2)));
}

export function openPostgresBehind(
  { pool, graceMs }: PostgresBehind,
  { redis, instanceId, logger, observer }: ClusterParts,
): { store: RedisPgStore; stop(): Promise<void> } {
  const tickMs = tickMsFor(graceMs);
  const offloader: Offloader = new Offloader({
    redis,
    pool,
    instanceId,
    logger,
    // A holder that missed five heartbeats is gone (killed, or stuck far too long).
    holderTtlMs: 5 * tickMs,
    isLoadedHere: (docName): boolean => store.isLoaded(docName),
  });
  const store: RedisPgStore = new RedisPgStore(redis, pool, instanceId, offloader, observer, logger);
  const sweeper = new IdleSweeper({
    redis,
    offloader,
    logger,
    graceMs,
    tickMs,
    loadedDocs: () => store.loadedDocs(),
    announce: (docNames) => store.announce(docNames),
  });
  return {
    store,
    stop: async () => {
      await sweeper.stop();
      await store.close();
      await pool.end().catch(() => undefined);
    },
  };
}
