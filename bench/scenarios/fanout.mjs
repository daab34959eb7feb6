// Scenario 1, fan-out: one document, many clients, everyone typing every 100 ms. Measures
// how long a change takes to reach every other client, and the server CPU it costs.
import { medianOfRuns } from '../stats.mjs';
import { runEditLatency } from './edit-latency.mjs';
import { latencyRows } from './rows.mjs';

export const name = 'fanout';

export function shape(quick) {
  return quick
    ? { docs: 1, clientsPerDoc: 10, intervalMs: 100, warmupMs: 2_000, durationMs: 5_000, generators: 2, repeats: 1 }
    : { docs: 1, clientsPerDoc: 50, intervalMs: 100, warmupMs: 3_000, durationMs: 20_000, generators: 5, repeats: 3 };
}

export async function run(ctx) {
  const s = { ...shape(ctx.quick), ...(ctx.repeats ? { repeats: ctx.repeats } : {}), prefix: 'fanout' };
  const runs = Object.fromEntries(ctx.kinds.map((kind) => [kind, []]));
  for (let rep = 0; rep < s.repeats; rep++) {
    for (const kind of ctx.kinds) {
      ctx.log(`fanout: ${kind}, run ${rep + 1}/${s.repeats} (${s.clientsPerDoc} clients, ${s.durationMs / 1000} s)`);
      runs[kind].push(await runEditLatency(ctx, kind, s));
    }
  }
  const medians = summarize(runs);
  const title = `1. fan-out (1 doc × ${s.clientsPerDoc} clients, 1 edit/${s.intervalMs} ms each, ${s.durationMs / 1000} s after ${s.warmupMs / 1000} s warm-up)`;
  return { name, shape: s, runs, medians, rows: latencyRows(title, medians, { cpuRelayMax: 1.0 }) };
}

export function summarize(runs) {
  return Object.fromEntries(
    Object.entries(runs).map(([kind, list]) => {
      const m = medianOfRuns(list);
      m.delivered = `${Math.round(m.expected - m.missing)}/${Math.round(m.expected)}`;
      m.syscalls = `${Math.round(m.writeCalls).toLocaleString('en-US')} / ${Math.round(m.readCalls).toLocaleString('en-US')}`;
      return [kind, m];
    }),
  );
}
