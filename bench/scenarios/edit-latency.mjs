// The shared body of the latency scenarios: clients spread over several load-generator
// processes edit at a fixed rate; every change carries its send time and every other
// client of the document records when it arrived. After a warm-up, server CPU is counted
// from the first measured edit until the last change has reached everyone.
import { summarizeLatencies } from '../stats.mjs';
import { assertNoFailures, now, sleep, MiB } from './common.mjs';

const DRAIN_TIMEOUT_MS = 15_000;
const START_DELAY_MS = 1000;

export async function runEditLatency(ctx, kind, shape) {
  const { docs, clientsPerDoc, intervalMs, warmupMs, durationMs, generators } = shape;
  const server = await ctx.startServer(kind);
  const pool = await ctx.loadgens(generators);
  try {
    const epoch = now();
    const specs = [];
    for (let doc = 0; doc < docs; doc++) {
      for (let c = 0; c < clientsPerDoc; c++) {
        specs.push({ docName: `${shape.prefix}-${ctx.runId}-${doc}`, senderId: specs.length });
      }
    }
    const groups = Array.from({ length: generators }, (_, g) => specs.filter((_, i) => i % generators === g));
    const connected = await pool.all('editors', 'connect', (g) => ({
      wsUrl: server.wsUrl,
      isRelay: kind === 'relay',
      specs: groups[g],
      concurrency: 25,
      epoch,
      appliesRemote: true,
    }));
    assertNoFailures(`${kind} connect`, connected);
    const startAt = now() + START_DELAY_MS;
    const editing = pool.all('editors', 'edit', () => ({ startAt, warmupMs, durationMs, intervalMs }));
    await sleep(startAt + warmupMs - now());
    const cpuStart = server.cpu();
    const ioStart = server.io();
    const monotonicStartUs = monotonicUs();
    const usageStart = await pool.all('process', 'usage');
    const sent = (await editing).reduce((sum, result) => sum + result.sent, 0);
    const delivery = await waitDelivered(pool, clientsPerDoc);
    const cpuSeconds = server.cpu() - cpuStart;
    const ioEnd = server.io();
    const monotonicEndUs = monotonicUs();
    const windowSeconds = (now() - startAt - warmupMs) / 1000;
    const usageEnd = await pool.all('process', 'usage');
    const collected = await pool.all('editors', 'collect');
    const latency = summarizeLatencies(concat(collected.map((result) => result.latencies)));
    const peakRssMiB = server.peakRss() / MiB;
    await pool.all('editors', 'close');
    return {
      ...latency,
      edits: sent,
      expected: delivery.expected,
      missing: delivery.expected - delivery.received,
      cpuSeconds,
      windowSeconds,
      // The measured window on CLOCK_MONOTONIC, the clock of V8 CPU profiles: pass it to
      // bench/profile-summary.mjs --from-us/--to-us to see only this window.
      profileWindow: `${monotonicStartUs}:${monotonicEndUs}`,
      writeCalls: ioEnd.writeCalls - ioStart.writeCalls,
      readCalls: ioEnd.readCalls - ioStart.readCalls,
      peakRssMiB,
      loadgenCpuSeconds: usageEnd.reduce((sum, u, i) => sum + u.cpuSeconds - usageStart[i].cpuSeconds, 0),
    };
  } finally {
    await pool.stop();
    await server.stop();
  }
}

/** Polls until every change reached every other client of its document, or times out. */
async function waitDelivered(pool, clientsPerDoc) {
  const deadline = now() + DRAIN_TIMEOUT_MS;
  let expected = 0;
  let received = 0;
  while (now() < deadline) {
    const stats = await pool.all('editors', 'stats');
    expected = 0;
    received = 0;
    for (const { sentByDoc, receivedByDoc } of stats) {
      for (const count of Object.values(sentByDoc)) expected += count * (clientsPerDoc - 1);
      for (const count of Object.values(receivedByDoc)) received += count;
    }
    if (received >= expected) break;
    await sleep(100);
  }
  return { expected, received };
}

function monotonicUs() {
  return String(process.hrtime.bigint() / 1000n);
}

function concat(arrays) {
  const out = new Float64Array(arrays.reduce((sum, array) => sum + array.length, 0));
  let offset = 0;
  for (const array of arrays) {
    out.set(array, offset);
    offset += array.length;
  }
  return out;
}
