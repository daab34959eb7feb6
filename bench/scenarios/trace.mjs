// Scenario: two people typing into one document at the same moment, replayed from a real
// concurrent editing trace (bench/traces/friendsforever.json.gz, CC BY 4.0, Joseph Gentle;
// see bench/traces/README.md). Each author's keystrokes wait for the other author's
// keystrokes they were typed after, so the replay takes as long as the server makes two
// people wait on each other. Reported: the replay's duration and the server's CPU.
import { isByteRelay, protocolOf } from '../servers.mjs';
import { medianOfRuns } from '../stats.mjs';
import { assertNoFailures } from './common.mjs';
import { bestPeerRow, row } from './rows.mjs';

export const name = 'trace';

export function shape(quick) {
  // Transactions replayed from the start of the trace (a prefix is causally complete).
  return quick ? { txns: 2_000, repeats: 1 } : { txns: undefined, repeats: 3 };
}

export async function run(ctx) {
  const s = { ...shape(ctx.quick), ...(ctx.repeats ? { repeats: ctx.repeats } : {}) };
  const pool = await ctx.loadgens(1);
  const runs = Object.fromEntries(ctx.kinds.map((kind) => [kind, []]));
  let prepared;
  try {
    [prepared] = await pool.all('trace', 'prepare', () => ({ file: ctx.concurrentTraceFile, limit: s.txns }));
    for (let rep = 0; rep < s.repeats; rep++) {
      for (const kind of ctx.kinds) {
        ctx.log(
          `trace: ${kind}, run ${rep + 1}/${s.repeats} (${prepared.steps} keystrokes, ${prepared.agents} authors)`,
        );
        runs[kind].push(await replayOnce(ctx, pool, kind, rep));
      }
    }
  } finally {
    await pool.stop();
  }
  const medians = Object.fromEntries(Object.entries(runs).map(([kind, list]) => [kind, medianOfRuns(list)]));
  const title = `8. concurrent trace (friendsforever, ${prepared.steps} keystrokes by ${prepared.agents} authors, live replay)`;
  const pick = (key) => Object.fromEntries(Object.entries(medians).map(([kind, m]) => [kind, m[key]]));
  return {
    name,
    shape: s,
    runs,
    medians,
    rows: [
      bestPeerRow(title, 'live replay', 's', pick('seconds'), { max: 1.2 }),
      bestPeerRow(title, 'server CPU', 's', pick('cpuSeconds')),
      row(title, 'hand-overs waited for', '', pick('waits')),
    ],
  };
}

async function replayOnce(ctx, pool, kind, rep) {
  const server = await ctx.startServer(kind);
  try {
    const cpuStart = server.cpu();
    const [result] = await pool.all('trace', 'replay', () => ({
      wsUrl: server.wsUrl,
      httpUrl: server.httpUrl,
      isRelay: isByteRelay(kind),
      protocol: protocolOf(kind),
      docName: `trace-${ctx.runId}-${rep}`,
    }));
    assertNoFailures(`${kind} trace replay`, [result]);
    return { seconds: result.seconds, waits: result.waits, cpuSeconds: server.cpu() - cpuStart };
  } finally {
    await server.stop();
  }
}
