import { afterEach } from 'vitest';
import { startRedis, type TestRedis } from './redis.js';

/** Servers a test started, closed after each test (in-process or as processes, anything with `close()`). */
export interface Servers {
  track<T extends { close(): Promise<void> }>(server: T): T;
}

/**
 * Every server handed to `track` is closed after each test. Call it before `useClients()`:
 * Vitest runs `afterEach` hooks in reverse order, so clients go first.
 */
export function useServers(): Servers {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()));
  });
  return {
    track: (server) => {
      open.push(server);
      return server;
    },
  };
}

/** A redis-server per test that asks for one, removed after the test (after its servers, if called first). */
export function useRedis(): { start(): Promise<TestRedis> } {
  let redis: TestRedis | undefined;
  afterEach(async () => {
    await redis?.remove();
    redis = undefined;
  });
  return {
    start: async () => {
      redis = await startRedis();
      return redis;
    },
  };
}
