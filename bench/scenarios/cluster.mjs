// Scenario 6, cluster: the fan-out editing pattern once with every client on one Quire
// (LevelDB, as in fan-out) and once with clients alternating between two Quire instances
// sharing a Redis (README: Cluster mode), where every change goes through Redis (XADD,
// fsync'd by appendfsync always) and half the deliveries cross to the other instance.
// Server CPU is summed over the instances; Redis' CPU is reported on its own line.
import { hasRedis, REDIS_SERVER } from '../redis.mjs';
import { formatValue } from '../report.mjs';
import { LATENCY_METRICS, TRAILING_METRICS, pairRows, runVariants, skipped } from './compare.mjs';
import { row } from './rows.mjs';

export const name = 'cluster';
const INSTANCES = 2;

export function shape(quick) {
  return quick
    ? { docs: 1, clientsPerDoc: 20, intervalMs: 100, warmupMs: 2_000, durationMs: 5_000, generators: 2, repeats: 1 }
    : { docs: 1, clientsPerDoc: 20, intervalMs: 100, warmupMs: 2_000, durationMs: 10_000, generators: 4, repeats: 2 };
}

/** A Redis and INSTANCES Quire instances using it; everything started is stopped on failure. */
async function deployCluster(ctx) {
  const started = [];
  const stop = async () => {
    for (const proc of started.reverse()) await proc.stop();
  };
  try {
    const redis = await ctx.startRedis();
    started.push(redis);
    const servers = [];
    for (let i = 0; i < INSTANCES; i++) {
      const server = await ctx.startServer('quire', { redisUrl: redis.url, logName: `quire-cluster-${i + 1}` });
      started.push(server);
      servers.push(server);
    }
    return { servers, sidecars: { redis }, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export async function run(ctx) {
  const s = { ...shape(ctx.quick), ...(ctx.repeats ? { repeats: ctx.repeats } : {}), prefix: 'cluster' };
  const title = `6. cluster (1 doc × ${s.clientsPerDoc} clients, 1 edit/${s.intervalMs} ms each, ${s.durationMs / 1000} s after ${s.warmupMs / 1000} s warm-up; single Quire vs ${INSTANCES} instances + Redis, clients alternating)`;
  if (!ctx.kinds.includes('quire')) return skipped(ctx, name, title, 'needs quire in --servers');
  if (!hasRedis()) return skipped(ctx, name, title, `${REDIS_SERVER} not found (apt-get install redis-server)`);
  const { runs, medians } = await runVariants(ctx, name, s, [
    { name: 'single', shape: {} },
    { name: 'cluster', shape: {}, deploy: deployCluster },
  ]);
  const { single, cluster } = medians;
  const split = (which, p50, p99) =>
    row(
      title,
      `latency p50 / p99, ${which} deliveries (cluster)`,
      'ms',
      { quire: pair(p50, p99) },
      {
        ratio: { value: p99 / single.p99, label: `p99: ${which}/single` },
      },
    );
  const rows = [
    ...pairRows(title, medians, ['single', 'cluster'], LATENCY_METRICS),
    // Where the cluster's time goes: changes that crossed to the other instance (XADD, then
    // the other instance's XREAD), and those relayed by the instance that received them.
    split('cross-instance', cluster.crossP50, cluster.crossP99),
    split('same-instance', cluster.localP50, cluster.localP99),
    row(title, 'Redis CPU (cluster)', 's', { quire: cluster.redisCpuSeconds }),
    ...pairRows(title, medians, ['single', 'cluster'], TRAILING_METRICS),
  ];
  return { name, shape: s, runs, medians, rows };
}

const pair = (a, b) => `${formatValue(a)} / ${formatValue(b)}`;
