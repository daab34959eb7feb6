// Scenario 7, cluster on Postgres: the cluster scenario's editing pattern (two Quire
// instances, clients alternating) once with Redis alone holding everything and once with
// Postgres as the system of record behind Redis (--postgres; issue #25). Then, per set-up,
// Redis' memory per idle document: documents are written and left, and once the grace
// period has passed (Redis + Postgres moves them out of Redis) what Redis holds is compared
// with a baseline taken the same way before. Target: about zero with Postgres.
//
// What is measured: the keys left, the dataset (used_memory_dataset: keys and their values,
// without client buffers, the AOF buffer, the scripts cache and the start-up allocation)
// and, for the record, used_memory. Redis 7 allocates a latency histogram (~24 KB) the
// first time each command name is run (latency-tracking), a fixed cost that lands in the
// dataset figure; a first run counted those of the measuring commands and of commands first
// seen after the baseline as ~818 B per document with no key left. So the memory part runs
// with latency-tracking off, the warm-up writes several documents at once (every command of
// the cycle runs before the baseline), and the baseline is read twice, keeping the second.
import { execFileSync } from 'node:child_process';
import { hasPostgres } from '../postgres.mjs';
import { hasRedis, REDIS_SERVER } from '../redis.mjs';
import { formatValue } from '../report.mjs';
import { assertNoFailures, sleep } from './common.mjs';
import { LATENCY_METRICS, TRAILING_METRICS, pairRows, runVariants, skipped } from './compare.mjs';
import { row } from './rows.mjs';

export const name = 'cluster-postgres';
const INSTANCES = 2;
const GRACE_SECONDS = 2;
const OFFLOAD_TIMEOUT_MS = 120_000;
/** Written and left before the baseline, several at once like the measured ones. */
const WARMUP_DOCS = 20;

export function shape(quick) {
  const latency = quick
    ? { docs: 1, clientsPerDoc: 20, intervalMs: 100, warmupMs: 2_000, durationMs: 5_000, generators: 2, repeats: 1 }
    : { docs: 1, clientsPerDoc: 20, intervalMs: 100, warmupMs: 2_000, durationMs: 10_000, generators: 4, repeats: 2 };
  return { ...latency, idleDocs: quick ? 100 : 1000, idleDocBytes: 512 };
}

/** Redis (and Postgres with `withPostgres`) and INSTANCES Quire instances using them. */
async function deploy(ctx, withPostgres, { measuresMemory = false } = {}) {
  const started = [];
  const stop = async () => {
    for (const proc of started.reverse()) await proc.stop();
  };
  try {
    const redis = await ctx.startRedis();
    started.push(redis);
    if (measuresMemory) redisCli(redis.url, 'CONFIG', 'SET', 'latency-tracking', 'no');
    const postgres = withPostgres ? await ctx.startPostgres() : undefined;
    if (postgres) started.push(postgres);
    const extraArgs = ['--unload-grace-seconds', String(GRACE_SECONDS)];
    if (postgres) extraArgs.push('--postgres', postgres.url);
    const servers = [];
    for (let i = 0; i < INSTANCES; i++) {
      const logName = `quire-${withPostgres ? 'pg' : 'redis'}-${i + 1}`;
      const server = await ctx.startServer('quire', { redisUrl: redis.url, logName, extraArgs });
      started.push(server);
      servers.push(server);
    }
    const sidecars = postgres ? { redis, postgres } : { redis };
    return { servers, sidecars, redisUrl: redis.url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function redisCli(url, ...args) {
  return execFileSync('redis-cli', ['-u', url, ...args]).toString();
}

/** What Redis holds now: keys, dataset bytes and used_memory (see the head of this file). */
function redisUsage(url) {
  const memory = redisCli(url, 'INFO', 'memory');
  const field = (key) => Number(new RegExp(`^${key}:(\\d+)`, 'm').exec(memory)?.[1]);
  return {
    keys: Number(redisCli(url, 'DBSIZE')),
    dataset: field('used_memory_dataset'),
    used: field('used_memory'),
  };
}

/** Writes `docNames` through the first instance, then waits for the grace period (and, with Postgres, the move). */
async function writeAndLeave(ctx, cluster, pool, s, docNames, withPostgres) {
  const result = await pool.call(0, 'populate', 'populate', {
    wsUrl: cluster.servers[0].wsUrl,
    kind: 'quire',
    docNames,
    bytesPerDoc: s.idleDocBytes,
    chunkBytes: 128,
    concurrency: 16,
  });
  assertNoFailures('cluster-postgres populate', [result]);
  // Every instance unloads its documents after the grace period; with Postgres they then
  // leave Redis, which empties the set of documents in use.
  await sleep(GRACE_SECONDS * 1000 + 1000);
  const deadline = Date.now() + OFFLOAD_TIMEOUT_MS;
  while (withPostgres && Number(redisCli(cluster.redisUrl, 'ZCARD', 'quire:active')) > 0 && Date.now() < deadline) {
    await sleep(250);
  }
}

/**
 * Redis keys and memory per document written and left idle. The baseline is taken after
 * WARMUP_DOCS documents have come and gone, so what Redis allocates once (scripts, buffers)
 * is not counted per document, and read twice so the measuring commands ran before it too.
 */
async function idleCostPerDoc(ctx, s, withPostgres) {
  const cluster = await deploy(ctx, withPostgres, { measuresMemory: true });
  const pool = await ctx.loadgens(1);
  try {
    const prefix = `idle-${ctx.runId}-${withPostgres ? 'pg' : 'redis'}`;
    const warmup = Array.from({ length: WARMUP_DOCS }, (_, i) => `${prefix}-warmup-${i}`);
    await writeAndLeave(ctx, cluster, pool, s, warmup, withPostgres);
    redisUsage(cluster.redisUrl);
    const before = redisUsage(cluster.redisUrl);
    const docNames = Array.from({ length: s.idleDocs }, (_, i) => `${prefix}-${i}`);
    await writeAndLeave(ctx, cluster, pool, s, docNames, withPostgres);
    const after = redisUsage(cluster.redisUrl);
    const perDoc = (key) => (after[key] - before[key]) / s.idleDocs;
    return { keys: perDoc('keys'), dataset: perDoc('dataset'), used: perDoc('used') };
  } finally {
    await pool.stop();
    await cluster.stop();
  }
}

export async function run(ctx) {
  const s = { ...shape(ctx.quick), ...(ctx.repeats ? { repeats: ctx.repeats } : {}), prefix: 'clusterpg' };
  const title = `6b. cluster on Postgres (1 doc × ${s.clientsPerDoc} clients, 1 edit/${s.intervalMs} ms each, ${s.durationMs / 1000} s; ${INSTANCES} instances + Redis alone vs + Postgres; then ${s.idleDocs} idle documents)`;
  if (!ctx.kinds.includes('quire')) return skipped(ctx, name, title, 'needs quire in --servers');
  if (!hasRedis()) return skipped(ctx, name, title, `${REDIS_SERVER} not found (apt-get install redis-server)`);
  if (!hasPostgres()) return skipped(ctx, name, title, 'postgres not found (apt-get install postgresql)');
  const { runs, medians } = await runVariants(ctx, name, s, [
    { name: 'redis', shape: {}, deploy: (c) => deploy(c, false) },
    { name: 'postgres', shape: {}, deploy: (c) => deploy(c, true) },
  ]);
  ctx.log(`${name}: Redis memory of ${s.idleDocs} idle documents, Redis alone, then with Postgres`);
  const perDoc = { redis: await idleCostPerDoc(ctx, s, false), postgres: await idleCostPerDoc(ctx, s, true) };
  const rows = [
    ...pairRows(title, medians, ['redis', 'postgres'], LATENCY_METRICS),
    row(title, 'Redis CPU, redis / postgres', 's', {
      quire: `${formatValue(medians.redis.redisCpuSeconds)} / ${formatValue(medians.postgres.redisCpuSeconds)}`,
    }),
    row(title, 'Postgres CPU (postgres)', 's', { quire: medians.postgres.postgresCpuSeconds }),
    perDocRow(title, 'Redis keys per idle document', '', perDoc, 'keys'),
    perDocRow(title, 'Redis dataset memory per idle document', 'B', perDoc, 'dataset'),
    perDocRow(title, 'Redis used_memory per idle document', 'B', perDoc, 'used'),
    ...pairRows(title, medians, ['redis', 'postgres'], TRAILING_METRICS),
  ];
  return { name, shape: s, runs, medians, perDoc, rows };
}

/** One per-document figure of both set-ups: `redis / postgres`. */
function perDocRow(title, what, unit, perDoc, key) {
  return row(title, `${what}, redis / postgres`, unit, {
    quire: `${formatValue(perDoc.redis[key])} / ${formatValue(perDoc.postgres[key])}`,
  });
}
