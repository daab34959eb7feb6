import type { Logger } from 'pino';
import type { ServerOptions } from '@quire/shared';
import { LOCAL_FANOUT, type Fanout } from './storage/fanout.js';
import type { DocStore, StoreObserver } from './storage/doc-store.js';
import { LevelStore } from './storage/level-store.js';

/**
 * Picks where documents live (SPEC: Cluster mode): LevelDB in `--data` on a single node,
 * or Redis (state, update streams, versions, document index) with `--redis`. It sits beside
 * server.ts because it composes storage/ and cluster/, which never import each other upwards.
 */
export interface Storage {
  store: DocStore;
  fanout: Fanout;
  /** Whether the backing store is reachable right now. */
  isUp(): boolean;
  mode: 'leveldb' | 'redis';
  close(): Promise<void>;
}

export async function openStorage(options: ServerOptions, logger: Logger, observer: StoreObserver): Promise<Storage> {
  if (options.redisUrl !== undefined) {
    // Loaded only in cluster mode: a single node never pays for the Redis client's memory.
    const { openRedisCluster } = await import('./cluster/redis-cluster.js');
    const cluster = await openRedisCluster(options.redisUrl, logger, observer);
    return { store: cluster.store, fanout: cluster.fanout, isUp: cluster.isUp, mode: 'redis', close: cluster.close };
  }
  const store = await LevelStore.open(options.dataDir, observer, options.commitIntervalMs);
  return { store, fanout: LOCAL_FANOUT, isUp: () => true, mode: 'leveldb', close: () => store.close() };
}
