// Scenario 7, fallback: the fan-out editing pattern on one Quire, once with every client on
// a WebSocket and once with every client on the HTTP transport (README: When WebSockets
// are blocked: server-sent events down, a POST per batch of frames up), to show what a
// keystroke costs people whose network blocks WebSockets.
import { LATENCY_METRICS, TRAILING_METRICS, pairRows, runVariants, skipped } from './compare.mjs';

export const name = 'fallback';

export function shape(quick) {
  return quick
    ? { docs: 1, clientsPerDoc: 10, intervalMs: 100, warmupMs: 2_000, durationMs: 5_000, generators: 2, repeats: 1 }
    : { docs: 1, clientsPerDoc: 10, intervalMs: 100, warmupMs: 2_000, durationMs: 10_000, generators: 2, repeats: 2 };
}

export async function run(ctx) {
  const s = { ...shape(ctx.quick), ...(ctx.repeats ? { repeats: ctx.repeats } : {}), prefix: 'fallback' };
  const title = `7. HTTP fallback (1 doc × ${s.clientsPerDoc} clients, 1 edit/${s.intervalMs} ms each, ${s.durationMs / 1000} s after ${s.warmupMs / 1000} s warm-up; all on WebSocket vs all on the HTTP transport)`;
  if (!ctx.kinds.includes('quire')) return skipped(ctx, name, title, 'needs quire in --servers');
  const { runs, medians } = await runVariants(ctx, name, s, [
    { name: 'websocket', shape: { transport: 'websocket' } },
    { name: 'http', shape: { transport: 'http' } },
  ]);
  const metrics = [...LATENCY_METRICS, ...TRAILING_METRICS];
  return { name, shape: s, runs, medians, rows: pairRows(title, medians, ['websocket', 'http'], metrics) };
}
