import { afterAll, afterEach, beforeAll } from 'vitest';
import { HAS_POSTGRES, startPostgres, type TestPostgres } from './postgres.js';
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

/**
 * One postgres for the whole test file, started before its tests (when the machine has it:
 * `HAS_POSTGRES`) and removed after them. `server` is only for tests that run with it.
 */
export function usePostgres(): { readonly server: TestPostgres } {
  let started: TestPostgres | undefined;
  beforeAll(async () => {
    if (HAS_POSTGRES) started = await startPostgres();
  });
  afterAll(async () => {
    await started?.remove();
    started = undefined;
  });
  return {
    get server(): TestPostgres {
      if (started === undefined) throw new Error('no postgres: guard the suite with HAS_POSTGRES');
      return started;
    },
  };
}
