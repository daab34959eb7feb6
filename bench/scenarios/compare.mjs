// Shared by the scenarios that compare two Quire set-ups with each other (cluster,
// fallback) rather than Quire with the other servers: both set-ups run the fan-out editing
// pattern, in alternating order from one repetition to the next so neither always runs on
// a warmer machine, and the table shows "first / second" in the Quire column with the
// ratio second/first. There is no target, so no PASS/MISS.
import { formatValue } from '../report.mjs';
import { runEditLatency } from './edit-latency.mjs';
import { summarize } from './fanout.mjs';
import { row } from './rows.mjs';

/** Runs each variant `{ name, shape, deploy }` `s.repeats` times; returns runs and medians. */
export async function runVariants(ctx, scenario, s, variants) {
  const runs = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let rep = 0; rep < s.repeats; rep++) {
    const order = rep % 2 === 0 ? variants : [...variants].reverse();
    for (const variant of order) {
      ctx.log(
        `${scenario}: ${variant.name}, run ${rep + 1}/${s.repeats} (${s.clientsPerDoc} clients, ${s.durationMs / 1000} s)`,
      );
      runs[variant.name].push(await runEditLatency(ctx, 'quire', { ...s, ...variant.shape }, variant.deploy));
    }
  }
  return { runs, medians: summarize(runs) };
}

/**
 * One row per metric `{ key, metric, unit, ratio }`: "first / second" in the Quire column,
 * and unless `ratio` is false the ratio second/first.
 */
export function pairRows(scenario, medians, [first, second], metrics) {
  return metrics.map(({ key, metric, unit, ratio = true }) => {
    const a = medians[first]?.[key];
    const b = medians[second]?.[key];
    const extra = ratio ? { ratio: { value: b / a, label: `${second}/${first}` } } : {};
    return row(
      scenario,
      `${metric}, ${first} / ${second}`,
      unit,
      { quire: `${formatValue(a)} / ${formatValue(b)}` },
      extra,
    );
  });
}

/** The metrics every comparison reports, in table order. */
export const LATENCY_METRICS = [
  { key: 'p50', metric: 'latency p50', unit: 'ms' },
  { key: 'p95', metric: 'latency p95', unit: 'ms' },
  { key: 'p99', metric: 'latency p99', unit: 'ms' },
  { key: 'max', metric: 'latency max', unit: 'ms' },
  { key: 'cpuSeconds', metric: 'server CPU', unit: 's' },
];

export const TRAILING_METRICS = [
  { key: 'peakRssMiB', metric: 'server peak RSS', unit: 'MiB' },
  { key: 'delivered', metric: 'changes delivered / expected', unit: '', ratio: false },
  { key: 'loadgenCpuSeconds', metric: 'load generators CPU', unit: 's' },
];

/** A scenario that could not run: one row saying why, so the table shows it. */
export function skipped(ctx, name, title, reason) {
  ctx.log(`${name}: skipped, ${reason}`);
  return { name, skipped: reason, rows: [row(title, `skipped: ${reason}`, '', {})] };
}
