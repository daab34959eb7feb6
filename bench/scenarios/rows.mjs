// Builds the table rows the report prints: one metric, its value per server, an optional
// ratio and an optional target with PASS/MISS.
import { PEERS } from '../servers.mjs';

/** `1` as `1.0`, so a target reads "≤ 1.0×". */
const times = (n) => `${Number.isInteger(n) ? n.toFixed(1) : n}×`;

export function row(scenario, metric, unit, values, extra = {}) {
  return { scenario, metric, unit, values, ...extra };
}

/** A ratio `a / b` of two servers' values, with a target `ratio <= max` or `>= min` (or none). */
export function ratioRow(scenario, metric, unit, values, { num, den, max, min }) {
  const value = values[num] / values[den];
  // Without both servers in this run (--servers) there is nothing to judge.
  const judge = (isMet) => (Number.isFinite(value) ? isMet : null);
  const target =
    max !== undefined
      ? { text: `≤ ${times(max)} ${den}`, pass: judge(value <= max) }
      : min !== undefined
        ? { text: `≥ ${times(min)} ${den}`, pass: judge(value >= min) }
        : undefined;
  return row(scenario, metric, unit, values, { ratio: { value, label: `${num}/${den}` }, target });
}

/**
 * Quire's value as a ratio to the best (lowest) of the peers measured in this run
 * (`PEERS`: the reference server and Hocuspocus), with a target `ratio <= max` if given.
 */
export function bestPeerRow(scenario, metric, unit, values, { max } = {}) {
  const peers = PEERS.filter((kind) => Number.isFinite(values[kind]));
  const best = peers.reduce((a, b) => (values[b] < values[a] ? b : a), peers[0]);
  const value = best === undefined ? NaN : values.quire / values[best];
  const judge = (isMet) => (Number.isFinite(value) ? isMet : null);
  const target = max === undefined ? undefined : { text: `≤ ${times(max)} best peer`, pass: judge(value <= max) };
  return row(scenario, metric, unit, values, { ratio: { value, label: `quire/${best ?? 'best peer'}` }, target });
}

/** A row with only the ratio of two servers' values, which the row above shows. */
function ratioOnlyRow(scenario, metric, values, { num, den }) {
  const value = values[num] / values[den];
  return row(scenario, metric, '', {}, Number.isFinite(value) ? { ratio: { value, label: `${num}/${den}` } } : {});
}

/**
 * Rows for one latency scenario's medians. The durable relay (syncs each batch, then
 * forwards) splits Quire's ratio to the relay in two: what syncing before relaying costs any
 * server, and what Quire adds on top of that. Targets (issue #21): p50 and p99 at most 1.2×
 * the best peer; CPU at most `cpuRelayMax` × the relay and/or `cpuPeerMax` × the best peer.
 */
export function latencyRows(scenario, medians, { cpuRelayMax, cpuPeerMax }) {
  const pick = (key) => Object.fromEntries(Object.entries(medians).map(([kind, m]) => [kind, m[key]]));
  return [
    bestPeerRow(scenario, 'latency p50', 'ms', pick('p50'), { max: 1.2 }),
    row(scenario, 'latency p95', 'ms', pick('p95')),
    ratioRow(scenario, 'latency p99', 'ms', pick('p99'), { num: 'quire', den: 'relay' }),
    bestPeerRow(scenario, 'latency p99 vs the best peer', 'ms', pick('p99'), { max: 1.2 }),
    ratioOnlyRow(scenario, 'latency p99: syncing first', pick('p99'), { num: 'durable', den: 'relay' }),
    ratioOnlyRow(scenario, 'latency p99: Quire beyond syncing', pick('p99'), { num: 'quire', den: 'durable' }),
    row(scenario, 'latency max', 'ms', pick('max')),
    ratioRow(scenario, 'server CPU', 's', pick('cpuSeconds'), { num: 'quire', den: 'relay', max: cpuRelayMax }),
    bestPeerRow(scenario, 'server CPU vs the best peer', 's', pick('cpuSeconds'), { max: cpuPeerMax }),
    ratioOnlyRow(scenario, 'server CPU: syncing first', pick('cpuSeconds'), { num: 'durable', den: 'relay' }),
    ratioOnlyRow(scenario, 'server CPU: Quire beyond syncing', pick('cpuSeconds'), { num: 'quire', den: 'durable' }),
    row(scenario, 'server write / read system calls', '', pick('syscalls')),
    row(scenario, 'server peak RSS', 'MiB', pick('peakRssMiB')),
    row(scenario, 'changes delivered / expected', '', pick('delivered')),
    row(scenario, 'load generators CPU', 's', pick('loadgenCpuSeconds')),
  ];
}
