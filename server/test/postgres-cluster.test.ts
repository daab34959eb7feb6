import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { Offloader } from '../src/cluster/offloader.js';
import { openPostgresBehind } from '../src/cluster/postgres-behind.js';
import { docKeys } from '../src/cluster/redis-keys.js';
import { NO_OBSERVER } from '../src/storage/doc-store.js';
import { openMigratedPool } from '../src/storage/postgres/schema.js';
import { Writer, textOf } from './contracts/stored-log.js';
import {
  docName,
  HAS_POSTGRES,
  HAS_REDIS,
  killProcesses,
  usePostgres,
  startServerProcess,
  startTestServer,
  useClients,
  useRedis,
  useServers,
  waitFor,
  type TestRedis,
  type TestServer,
} from './helpers.js';

/**
 * SPEC: Cluster mode — `--redis` with `--postgres`: Redis carries live traffic only,
 * Postgres is the system of record; real redis-server and real postgres.
 */
const postgres = usePostgres();
afterEach(async () => {
  await killProcesses();
});
const redisServers = useRedis();
const servers = useServers();
const clients = useClients();

/** Grace period of these tests: documents leave Redis soon after their last client. */
const GRACE_MS = 300;

interface Setup {
  redis: TestRedis;
  databaseUrl: string;
  inspect: Redis;
  instance(): Promise<TestServer>;
}

async function setup(): Promise<Setup> {
  const redis = await redisServers.start();
  const databaseUrl = await postgres.server.newDatabase();
  const inspect = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  servers.track({ close: async () => inspect.disconnect() });
  return {
    redis,
    databaseUrl,
    inspect,
    instance: async () =>
      servers.track(await startTestServer({ redisUrl: redis.url, postgresUrl: databaseUrl, unloadGraceMs: GRACE_MS })),
  };
}

/** Whether Redis still holds anything of `name` (its stream, holders, or index entries). */
async function isInRedis(inspect: Redis, name: string): Promise<boolean> {
  const keys = docKeys(name);
  const [stream, holders, active, index] = await Promise.all([
    inspect.exists(keys.log),
    inspect.exists(keys.holders),
    inspect.zscore('quire:active', name),
    inspect.zscore('quire:docs', name),
  ]);
  return stream + holders > 0 || active !== null || index !== null;
}

/** Opens `name` on `server`, types `text`, waits until another client there sees it, and leaves. */
async function write(server: TestServer, name: string, text: string): Promise<void> {
  const [writer, watcher] = await clients.pair(server.wsUrl, name);
  writer.text.insert(writer.text.length, text);
  await waitFor(() => watcher.text.toString().endsWith(text), { what: `"${text}" relayed` });
  writer.destroy();
  watcher.destroy();
}

async function read(server: TestServer, name: string): Promise<string> {
  const reader = clients.connect(server.wsUrl, name);
  await reader.synced;
  const text = reader.text.toString();
  reader.destroy();
  return text;
}

describe.skipIf(!HAS_POSTGRES || !HAS_REDIS)('Redis + Postgres (SPEC: Cluster mode, --postgres)', () => {
  it('an idle document leaves Redis; FLUSHALL then loses nothing, and any instance loads it from Postgres plus the stream tail', async () => {
    const { inspect, instance } = await setup();
    const [a, b] = [await instance(), await instance()];
    const names = [docName(), docName(), docName()];
    for (const name of names) await write(a, name, `${name} at rest;`);
    await waitFor(async () => !(await Promise.all(names.map((n) => isInRedis(inspect, n)))).some(Boolean), {
      what: 'idle documents out of Redis',
    });
    await inspect.flushall();

    for (const name of names) expect(await read(b, name)).toBe(`${name} at rest;`);
    const [first] = names as [string];
    const [editor] = await clients.pair(a.wsUrl, first);
    editor.text.insert(editor.text.length, 'tail;');
    await waitFor(async () => (await inspect.xlen(docKeys(first).log)) > 0, { what: 'the edit in the stream' });
    expect(await read(b, first)).toBe(`${first} at rest;tail;`);
    const listed = (await (await fetch(`${b.url}/api/docs`)).json()) as { docs: { name: string }[] };
    expect(listed.docs.map((doc) => doc.name)).toEqual(expect.arrayContaining(names));
  });

  it('a document opened and left without a change is not stored: it leaves Redis and is not listed', async () => {
    const { inspect, instance } = await setup();
    const server = await instance();
    const name = docName();
    const visitor = clients.connect(server.wsUrl, name);
    await visitor.synced;
    await waitFor(async () => (await inspect.zscore('quire:active', name)) !== null, { what: 'held in Redis' });
    visitor.destroy();
    await waitFor(async () => !(await isInRedis(inspect, name)), { what: 'out of Redis' });
    const listed = (await (await fetch(`${server.url}/api/docs`)).json()) as { docs: { name: string }[] };
    expect(listed.docs.map((doc) => doc.name)).not.toContain(name);
  });

  it('kill -9 of the instance holding a document mid-typing: another instance moves it to Postgres and nothing seen is lost', async () => {
    const { redis, databaseUrl, inspect, instance } = await setup();
    const args = ['--redis', redis.url, '--postgres', databaseUrl, '--unload-grace-seconds', '1'];
    const doomed = await startServerProcess({ args: [...args, '--max-messages-per-second', '0'] });
    const survivor = await instance();
    const name = docName();
    const [writer, watcher] = await clients.pair(doomed.wsUrl, name);
    let next = 0;
    const typing = setInterval(() => writer.text.insert(writer.text.length, `w${next++};`), 1);
    await waitFor(() => watcher.text.length > 300, { what: 'typing seen' });
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    clearInterval(typing);
    await waitFor(() => !watcher.provider.wsconnected, { what: 'the watcher to notice' });
    const seen = watcher.text.toString();
    writer.destroy();
    watcher.destroy();

    await waitFor(async () => !(await isInRedis(inspect, name)), { what: 'the orphan moved out of Redis' });
    await inspect.flushall();
    expect((await read(survivor, name)).startsWith(seen)).toBe(true);
  });

  it('Postgres restarted while people edit: editing goes on through Redis, and the document reaches Postgres once it is back', async () => {
    const { inspect, instance } = await setup();
    const [a, b] = [await instance(), await instance()];
    const name = docName();
    const [onA, onB] = [clients.connect(a.wsUrl, name), clients.connect(b.wsUrl, name)];
    await Promise.all([onA.synced, onB.synced]);
    await postgres.server.stop();
    onA.text.insert(0, 'while postgres is down;');
    await waitFor(() => onB.text.toString() === 'while postgres is down;', { what: 'relayed through Redis' });
    onA.destroy();
    onB.destroy();
    await postgres.server.start();
    await waitFor(async () => !(await isInRedis(inspect, name)), { what: 'moved to Postgres once it is back' });
    await inspect.flushall();
    expect(await read(b, name)).toBe('while postgres is down;');
  });

  it('GET /healthz names Redis and Postgres, and answers 503 while Postgres is stopped', async () => {
    const { instance } = await setup();
    const server = await instance();
    const health = async (): Promise<{ status: number; body: unknown }> => {
      const res = await fetch(`${server.url}/healthz`);
      return { status: res.status, body: await res.json() };
    };
    expect(await health()).toMatchObject({
      status: 200,
      body: { ok: true, storage: 'redis+postgres', stores: { redis: true, postgres: true } },
    });
    await postgres.server.stop();
    try {
      const down = await waitFor(async () => ((await health()).status === 503 ? health() : undefined), {
        what: '503 while Postgres is stopped',
      });
      expect(down.body).toMatchObject({ ok: false, stores: { redis: true, postgres: false } });
    } finally {
      await postgres.server.start();
    }
    await waitFor(async () => (await health()).status === 200, { what: '200 once Postgres is back' });
  });

  it('Redis holds no more keys or memory than before, after 1000 documents were opened in turn', async () => {
    const { inspect, instance } = await setup();
    const server = await instance();
    await write(server, docName(), 'warm up;');
    await waitFor(async () => (await inspect.dbsize()) === 0, { what: 'the warm-up document gone' });
    const usedMemory = async (): Promise<number> =>
      Number(/used_memory:(\d+)/.exec(await inspect.info('memory'))?.[1] ?? NaN);
    const baseline = { keys: await inspect.dbsize(), memory: await usedMemory() };
    let peakKeys = 0;
    const names = Array.from({ length: 1000 }, () => docName());
    for (let i = 0; i < names.length; i += 25) {
      await Promise.all(names.slice(i, i + 25).map((name) => write(server, name, `text of ${name};`)));
      peakKeys = Math.max(peakKeys, await inspect.dbsize());
    }
    expect(peakKeys).toBeGreaterThan(baseline.keys);
    await waitFor(async () => (await inspect.dbsize()) === baseline.keys, {
      what: 'every document out of Redis',
      timeoutMs: 60_000,
    });
    // Allocator bookkeeping moves a little; a thousand documents' streams would be far more.
    expect(await usedMemory()).toBeLessThan(baseline.memory + 256 * 1024);
    expect(await read(server, names[999]!)).toBe(`text of ${names[999]!};`);
  }, 240_000);

  it('an instance whose documents all left stops its blocked stream read on them at once', async () => {
    const { inspect, instance } = await setup();
    const server = await instance();
    const blockedClients = async (): Promise<number> =>
      Number(/blocked_clients:(\d+)/.exec(await inspect.info('clients'))?.[1] ?? NaN);
    const name = docName();
    const [writer, watcher] = await clients.pair(server.wsUrl, name);
    await waitFor(async () => (await blockedClients()) === 1, { what: 'the stream reader blocked on the stream' });
    writer.destroy();
    watcher.destroy();
    await waitFor(async () => !(await isInRedis(inspect, name)), { what: 'out of Redis' });
    // The reader's own XREAD would block 10 s more on the stream of a document that is gone;
    // letting go of it ends the read long before that.
    await waitFor(async () => (await blockedClients()) === 0, { what: 'the blocked read ended', timeoutMs: 5_000 });
  });

  it('moving a document to Postgres while another instance appends to it loses nothing', async () => {
    const { redis, databaseUrl, inspect } = await setup();
    const logger = pino({ level: 'silent' });
    const connect = (): Redis => new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const [writerRedis, moverRedis] = [connect(), connect()];
    const [writerPool, moverPool] = [
      await openMigratedPool(databaseUrl, () => undefined),
      await openMigratedPool(databaseUrl, () => undefined),
    ];
    const writing = openPostgresBehind(
      { pool: writerPool, graceMs: 60_000 },
      { redis: writerRedis, instanceId: randomUUID(), logger, observer: NO_OBSERVER },
    );
    // A mover that counts no holder as alive: only the check against appends protects the stream.
    const mover = new Offloader({
      redis: moverRedis,
      pool: moverPool,
      instanceId: randomUUID(),
      logger,
      holderTtlMs: -60_000,
      isLoadedHere: () => false,
    });
    const name = docName();
    const writer = new Writer();
    await writing.store.load(name);
    let isWriting = true;
    const appends = (async () => {
      for (let i = 0; i < 300; i++) await writing.store.append(name, writer.type(`${i};`));
      isWriting = false;
    })();
    while (isWriting) await mover.offload(name);
    await appends;
    await writing.stop();
    expect(await mover.offload(name)).toBe(true);
    expect(await inspect.exists(docKeys(name).log)).toBe(0);
    const reader = openPostgresBehind(
      { pool: await openMigratedPool(databaseUrl, () => undefined), graceMs: 60_000 },
      { redis: moverRedis, instanceId: randomUUID(), logger, observer: NO_OBSERVER },
    );
    expect(textOf(await reader.store.load(name))).toBe(writer.doc.getText('t').toString());
    await reader.stop();
    await moverPool.end();
    writerRedis.disconnect();
    moverRedis.disconnect();
  });
});
