// Scenario 7, cluster on Postgres: the cluster scenario's editing pattern (two Quire
// instances, clients alternating) once with Redis alone holding everything and once with
// Postgres as the system of record behind Redis (--postgres; issue #25). Then, per set-up,
// Redis' memory per idle document: documents are written and left, and once the grace
// period has passed (Redis + Postgres moves them out of Redis) Redis' used_memory is
// compared with its value before. Target: about zero with Postgres.
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

export function shape(quick) {
  const latency = quick
    ? { docs: 1, clientsPerDoc: 20, intervalMs: 100, warmupMs: 2_000, durationMs: 5_000, generators: 2, repeats: 1 }
    : { docs: 1, clientsPerDoc: 20, intervalMs: 100, warmupMs: 2_000, durationMs: 10_000, generators: 4, repeats: 2 };
  return { ...latency, idleDocs: quick ? 100 : 1000, idleDocBytes: 512 };
}

/** Redis (and Postgres with `withPostgres`) and INSTANCES Quire instances using them. */
async function deploy(ctx, withPostgres) {
  const started = [];
  const stop = async () => {
    for (const proc of started.reverse()) await proc.stop();
  };
  try {
    const redis = await ctx.startRedis();
    started.push(redis);
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

const usedMemory = (url) => Number(/used_memory:(\d+)/.exec(redisCli(url, 'INFO', 'memory'))?.[1]);

/** What Redis holds now: used_memory in bytes and the number of keys. */
function redisUsage(url) {
  return { bytes: usedMemory(url), keys: Number(redisCli(url, 'DBSIZE')) };
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
 * Redis memory and keys per document written and left idle. The baseline is taken after
 * one document has come and gone, so what Redis allocates once (scripts, buffers) is not
 * counted per document.
 */
async function idleCostPerDoc(ctx, s, withPostgres) {
  const cluster = await deploy(ctx, withPostgres);
  const pool = await ctx.loadgens(1);
  try {
    const prefix = `idle-${ctx.runId}-${withPostgres ? 'pg' : 'redis'}`;
    await writeAndLeave(ctx, cluster, pool, s, [`${prefix}-warmup`], withPostgres);
    const before = redisUsage(cluster.redisUrl);
    const docNames = Array.from({ length: s.idleDocs }, (_, i) => `${prefix}-${i}`);
    await writeAndLeave(ctx, cluster, pool, s, docNames, withPostgres);
    const after = redisUsage(cluster.redisUrl);
    return { bytes: (after.bytes - before.bytes) / s.idleDocs, keys: (after.keys - before.keys) / s.idleDocs };
  } finally {
    await pool.stop();
    await cluster.stop();
  }
}

export async function run(ctx) {
  const s = { ...shape(ctx.quick), ...(ctx.repeats ? { repeats: ctx.repeats } : {}), prefix: 'clusterpg' };
  const title = `7. cluster on Postgres (1 doc × ${s.clientsPerDoc} clients, 1 edit/${s.intervalMs} ms each, ${s.durationMs / 1000} s; ${INSTANCES} instances + Redis alone vs + Postgres; then ${s.idleDocs} idle documents)`;
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
    row(title, 'Redis memory per idle document, redis / postgres', 'B', {
      quire: `${formatValue(perDoc.redis.bytes)} / ${formatValue(perDoc.postgres.bytes)}`,
    }),
    row(title, 'Redis keys per idle document, redis / postgres', '', {
      quire: `${formatValue(perDoc.redis.keys)} / ${formatValue(perDoc.postgres.keys)}`,
    }),
    ...pairRows(title, medians, ['redis', 'postgres'], TRAILING_METRICS),
  ];
  return { name, shape: s, runs, medians, perDoc, rows };
}
