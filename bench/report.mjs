// Turns scenario results into the printed table, the JSON file and bench/RESULTS.md.
import { writeFileSync } from 'node:fs';

const KIND_TITLES = {
  quire: 'Quire',
  reference: 'reference',
  hocuspocus: 'Hocuspocus',
  relay: 'relay',
  durable: 'durable relay',
};

export function formatValue(value) {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (!Number.isFinite(value)) return 'n/a';
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function cells(row, kinds) {
  const values = kinds.map((kind) => formatValue(row.values?.[kind]));
  const ratio = row.ratio ? `${formatValue(row.ratio.value)} (${row.ratio.label})` : '';
  const target = row.target ? row.target.text : '';
  const result = row.target ? (row.target.pass === null ? 'n/a' : row.target.pass ? 'PASS' : 'MISS') : '';
  return [row.scenario, `${row.metric}${row.unit ? ` (${row.unit})` : ''}`, ...values, ratio, target, result];
}

/** Markdown table of every row; scenario titles are only printed when they change. */
export function markdownTable(rows, kinds) {
  const header = ['scenario', 'metric', ...kinds.map((kind) => KIND_TITLES[kind]), 'ratio', 'target', 'result'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  let lastScenario;
  for (const row of rows) {
    const line = cells(row, kinds);
    if (line[0] === lastScenario) line[0] = '';
    else lastScenario = line[0];
    lines.push(`| ${line.join(' | ')} |`);
  }
  return lines.join('\n');
}

export function targetSummary(rows) {
  const targets = rows.filter((row) => row.target && row.target.pass !== null);
  const name = (row) => `${row.scenario.split(' (')[0]}: ${row.metric}`;
  return {
    passed: targets.filter((row) => row.target.pass).map(name),
    missed: targets.filter((row) => !row.target.pass).map(name),
  };
}

export function writeJson(path, data) {
  writeFileSync(path, `${JSON.stringify(data, (_key, value) => (ArrayBuffer.isView(value) ? undefined : value), 2)}\n`);
}

/** bench/RESULTS.md: table, machine and date, with the analysis text kept in `notes`. */
export function writeResultsMarkdown(path, { rows, kinds, machine, startedAt, durationMinutes, flags, notes }) {
  const summary = targetSummary(rows);
  const text = `# Benchmark results

Measured by \`npm run bench${flags.length ? ` -- ${flags.join(' ')}` : ''}\` on ${startedAt} (run took ${durationMinutes.toFixed(1)} min).
Quire (durability on, as shipped; per-address abuse limits switched off because every load generator is 127.0.0.1),
two peers, the reference \`@y/websocket-server@0.1.1\` with \`YPERSISTENCE\` (y-leveldb, Yjs 13) and Hocuspocus 3.4.4 (its
Database extension on LevelDB), a byte relay (\`bench/relay.mjs\`, no Yjs work) and, in the two latency scenarios, a durable
relay (\`bench/durable-relay.mjs\`: the same relay, but every frame is appended to a file and fdatasync'd before it is
forwarded, with group commit at Quire's commit interval) were run side by side in the same run, each as its own process,
driven over 127.0.0.1 by separate load-generator processes. The durable relay is the floor for any server that syncs
before relaying: its rows split Quire's ratio to the relay into the cost of syncing first and what Quire adds beyond it.
Figures are medians of the repetitions noted in each scenario. Ratios "quire/<peer>" are to the best (lowest) of the two
peers in this run. Scenarios 6 (cluster: one Quire vs two instances sharing a Redis with \`appendfsync always\`), 6b
(cluster on Postgres) and 7 (HTTP fallback: all clients on WebSocket vs all on the HTTP transport) compare Quire set-ups
with each other: their Quire column reads "first / second" and the ratio is second/first, with no target. Scenario 9
measures Quire's editor in Chromium (Quire only).

**Targets** (the "target" and "result" columns): issue #21: fan-out and many-documents latency p50 and p99 ≤ 1.2× the best
peer, fan-out server CPU ≤ 1.0× the relay, many-documents server CPU ≤ 1.0× the best peer, concurrent trace replay ≤ 1.2× the
best peer, idle server RSS ≤ 1.5× the best peer; earlier ones: ingest ≥ 2× the reference, nothing left to write after the
last acknowledgement, cold open ≤ 100 ms, bytes on disk ≤ 2× the encoded document, churn RSS within 10%, memory per idle
connection ≤ 1.2× the relay; issue #19 (browser): open ≤ 1.5 s, keystroke p95 ≤ 50 ms, paste of 500 KB ≤ 2 s.

**Machine:** ${machine.nproc} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}, open files soft limit ${machine.openFilesSoftLimit}.

**Noise:** this machine has 2 cores, shared with the load generators and with other people's test suites running at the same
time, so absolute numbers are noisy; ratios are taken between servers measured in the same run, interleaved run by run.

${markdownTable(rows, kinds)}

**Targets met:** ${summary.passed.length}; **missed:** ${summary.missed.length}${summary.missed.length ? ` (${summary.missed.join('; ')})` : ''}.

${notes ?? ''}
`;
  writeFileSync(path, text);
}
