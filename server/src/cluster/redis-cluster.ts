import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Fanout } from '../storage/fanout.js';
import type { DocStore, StoreObserver } from '../storage/doc-store.js';
import { AwarenessBus } from './awareness-bus.js';
import { docKeys } from './redis-keys.js';
import { RedisStore } from './redis-store.js';
import { RedisOutbox } from './redis-outbox.js';
import { StreamReader } from './stream-reader.js';
import { openPostgresBehind, type PostgresBehind } from './postgres-behind.js';

/**
 * Cluster mode (SPEC: Cluster mode): the Redis store plus the fan-out that brings other
 * instances' updates and presence into local rooms. Three connections: commands, one
 * blocking stream reader, and a pub/sub subscriber. Commands fail fast while Redis is
 * unreachable (no offline queue), so nothing is relayed that Redis does not have; ioredis
 * reconnects by itself and the instance recovers when Redis returns.
 */
/** A store whose documents' updates are Redis streams the fan-out follows. */
export interface StreamStore extends DocStore {
  positionOf(docName: string): string;
  advance(docName: string, id: string, bytes: number): void;
}

export interface RedisCluster {
  store: StreamStore;
  fanout: Fanout;
  /** The webhook outbox all instances share. */
  outbox: RedisOutbox;
  isUp(): boolean;
  close(): Promise<void>;
}

/**
 * With `postgres`, Postgres is the system of record and Redis carries only live traffic
 * (postgres-behind.ts); without it, Redis holds everything.
 */
export async function openRedisCluster(
  url: string,
  logger: Logger,
  observer: StoreObserver,
  postgres?: PostgresBehind,
): Promise<RedisCluster> {
  const instanceId = randomUUID();
  const log = logger.child({ module: 'cluster', instance: instanceId });
  const commands = connect(url, 'commands', false, log);
  const reader = connect(url, 'reader', false, log);
  const subscriber = connect(url, 'subscriber', true, log);
  // The subscriber subscribes only once it is ready: subscribing while it still connected
  // now and then left an instance unsubscribed from deletions although the SUBSCRIBE had
  // been confirmed (seen in the cluster tests, with a subscriber connection replaced right
  // after start), so a document deleted elsewhere stayed loaded there.
  await Promise.all([waitReady(commands, log), waitReady(subscriber, log)]);
  const behind = postgres && openPostgresBehind(postgres, { redis: commands, instanceId, logger: log, observer });
  const store = behind?.store ?? new RedisStore(commands, instanceId, observer);
  const streams = new StreamReader(reader, commands, instanceId, log);
  const bus = new AwarenessBus(commands, subscriber, instanceId, log);
  log.info(
    behind
      ? 'cluster mode: documents live in Postgres, live traffic in Redis'
      : 'cluster mode: documents live in Redis',
  );

  return {
    store,
    fanout: redisFanout(store, streams, bus),
    outbox: new RedisOutbox(commands),
    isUp: () => commands.status === 'ready',
    close: async () => {
      await behind?.stop();
      await streams.stop();
      for (const redis of [commands, reader, subscriber]) redis.disconnect();
    },
  };
}

function connect(url: string, name: string, offlineQueue: boolean, log: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: offlineQueue,
    maxRetriesPerRequest: 1,
    connectionName: `quire-${name}`,
  });
  redis.on('error', (err: Error) => log.warn({ err, connection: name }, 'redis connection error'));
  return redis;
}

/**
 * Remote changes of a document: its stream (read from where this instance's load stopped,
 * which the store then knows it holds) and its presence and deletion messages.
 */
function redisFanout(store: StreamStore, streams: StreamReader, bus: AwarenessBus): Fanout {
  return {
    open: (docName, handlers) => {
      const keys = docKeys(docName);
      streams.add(keys.log, {
        docName,
        position: store.positionOf(docName),
        onEntry: (id, update, relayedDeletions) => {
          store.advance(docName, id, update?.byteLength ?? 0);
          if (update) handlers.update(update, relayedDeletions);
        },
      });
      const listening = bus.follow(keys.awareness, docName, handlers.awareness, handlers.deleted);
      return {
        listening,
        publishAwareness: (update) => bus.publishAwareness(keys.awareness, update),
        close: () => {
          streams.remove(keys.log);
          bus.unfollow(keys.awareness, docName);
        },
      };
    },
    publishDeleted: (docName) => bus.publishDeleted(docName),
  };
}

/** The first connection is awaited so a wrong URL is reported at start, not later. */
async function waitReady(redis: Redis, logger: Logger): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      logger.warn('redis is not reachable yet; serving, documents load once it is');
      resolve();
    }, 5_000);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
