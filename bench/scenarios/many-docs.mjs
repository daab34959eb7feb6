// Scenario 2, many documents: 200 documents with 5 clients each, one edit per second per
// client. Same measurements as fan-out, with the load spread over many rooms.
import { runEditLatency } from './edit-latency.mjs';
import { latencyRows } from './rows.mjs';
import { summarize } from './fanout.mjs';

export const name = 'manydocs';

export function shape(quick) {
  return quick
    ? { docs: 20, clientsPerDoc: 5, intervalMs: 1000, warmupMs: 2_000, durationMs: 5_000, generators: 2, repeats: 1 }
    : { docs: 200, clientsPerDoc: 5, intervalMs: 1000, warmupMs: 3_000, durationMs: 20_000, generators: 4, repeats: 3 };
}

export async function run(ctx) {
  const s = { ...shape(ctx.quick), ...(ctx.repeats ? { repeats: ctx.repeats } : {}), prefix: 'many' };
  const runs = Object.fromEntries(ctx.kinds.map((kind) => [kind, []]));
  for (let rep = 0; rep < s.repeats; rep++) {
    for (const kind of ctx.kinds) {
      ctx.log(`manydocs: ${kind}, run ${rep + 1}/${s.repeats} (${s.docs} docs × ${s.clientsPerDoc} clients)`);
      runs[kind].push(await runEditLatency(ctx, kind, s));
    }
  }
  const medians = summarize(runs);
  const title = `2. many documents (${s.docs} docs × ${s.clientsPerDoc} clients, 1 edit/s each, ${s.durationMs / 1000} s after ${s.warmupMs / 1000} s warm-up)`;
  return { name, shape: s, runs, medians, rows: latencyRows(title, medians, { cpuPeerMax: 1.0 }) };
}
