// The shared body of the latency scenarios: clients spread over several load-generator
// processes edit at a fixed rate; every change carries its send time and every other
// client of the document records when it arrived. After a warm-up, server CPU is counted
// from the first measured edit until the last change has reached everyone.
// `deploy` picks what is measured: by default one server of `kind`; the cluster scenario
// passes several instances (clients spread round-robin, CPU and memory summed) plus Redis
// as a sidecar, whose CPU is reported apart. `shape.transport: 'http'` puts every client on
// Quire's HTTP transport instead of a WebSocket.
import { summarizeLatencies } from '../stats.mjs';
import { isByteRelay, protocolOf } from '../servers.mjs';
import { assertNoFailures, now, sleep, MiB } from './common.mjs';

const DRAIN_TIMEOUT_MS = 15_000;
const START_DELAY_MS = 1000;

/** The default deployment: one server of `kind`. */
export async function singleServer(ctx, kind) {
  const server = await ctx.startServer(kind);
  return { servers: [server], sidecars: {}, stop: () => server.stop() };
}

export async function runEditLatency(ctx, kind, shape, deploy = singleServer) {
  const { docs, clientsPerDoc, intervalMs, warmupMs, durationMs, generators } = shape;
  const { servers, sidecars, stop } = await deploy(ctx, kind);
  const sum = (read) => servers.reduce((total, server) => total + read(server), 0);
  let pool;
  try {
    pool = await ctx.loadgens(generators);
    const epoch = now();
    const specs = [];
    for (let doc = 0; doc < docs; doc++) {
      for (let c = 0; c < clientsPerDoc; c++) {
        // Sender n is on instance n % servers.length: the editors rely on that rule.
        const instance = specs.length % servers.length;
        const { wsUrl, httpUrl } = servers[instance];
        const docName = `${shape.prefix}-${ctx.runId}-${doc}`;
        specs.push({ docName, senderId: specs.length, instance, wsUrl, httpUrl, transport: shape.transport });
      }
    }
    const groups = Array.from({ length: generators }, (_, g) => specs.filter((_, i) => i % generators === g));
    const connected = await pool.all('editors', 'connect', (g) => ({
      isRelay: isByteRelay(kind),
      protocol: protocolOf(kind),
      specs: groups[g],
      concurrency: 25,
      epoch,
      appliesRemote: true,
      instances: servers.length,
    }));
    assertNoFailures(`${kind} connect`, connected);
    const startAt = now() + START_DELAY_MS;
    const editing = pool.all('editors', 'edit', () => ({ startAt, warmupMs, durationMs, intervalMs }));
    await sleep(startAt + warmupMs - now());
    const cpuStart = sum((server) => server.cpu());
    const sidecarCpuStart = Object.fromEntries(Object.entries(sidecars).map(([name, p]) => [name, p.cpu()]));
    const ioStart = servers.map((server) => server.io());
    const monotonicStartUs = monotonicUs();
    const usageStart = await pool.all('process', 'usage');
    const sent = (await editing).reduce((sum, result) => sum + result.sent, 0);
    const delivery = await waitDelivered(pool, clientsPerDoc);
    const cpuSeconds = sum((server) => server.cpu()) - cpuStart;
    const sidecarCpu = Object.fromEntries(
      Object.entries(sidecars).map(([name, p]) => [`${name}CpuSeconds`, p.cpu() - sidecarCpuStart[name]]),
    );
    const ioEnd = servers.map((server) => server.io());
    const monotonicEndUs = monotonicUs();
    const windowSeconds = (now() - startAt - warmupMs) / 1000;
    const usageEnd = await pool.all('process', 'usage');
    const collected = await pool.all('editors', 'collect');
    const latency = summarizeLatencies(concat(collected.map((result) => result.latencies)));
    // With several instances: deliveries that crossed to another instance, and the rest.
    const cross = summarizeLatencies(concat(collected.map((result) => result.crossLatencies)));
    const local = summarizeLatencies(concat(collected.map((result) => result.localLatencies)));
    const peakRssMiB = sum((server) => server.peakRss()) / MiB;
    await pool.all('editors', 'close');
    return {
      ...latency,
      edits: sent,
      expected: delivery.expected,
      missing: delivery.expected - delivery.received,
      ...(cross.count > 0 ? { crossP50: cross.p50, crossP99: cross.p99, crossCount: cross.count } : {}),
      ...(local.count > 0 ? { localP50: local.p50, localP99: local.p99, localCount: local.count } : {}),
      cpuSeconds,
      ...sidecarCpu,
      windowSeconds,
      // The measured window on CLOCK_MONOTONIC, the clock of V8 CPU profiles: pass it to
      // bench/profile-summary.mjs --from-us/--to-us to see only this window.
      profileWindow: `${monotonicStartUs}:${monotonicEndUs}`,
      writeCalls: ioEnd.reduce((total, io, i) => total + io.writeCalls - ioStart[i].writeCalls, 0),
      readCalls: ioEnd.reduce((total, io, i) => total + io.readCalls - ioStart[i].readCalls, 0),
      peakRssMiB,
      loadgenCpuSeconds: usageEnd.reduce((sum, u, i) => sum + u.cpuSeconds - usageStart[i].cpuSeconds, 0),
    };
  } finally {
    await pool?.stop();
    await stop();
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
