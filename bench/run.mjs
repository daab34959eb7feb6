// `npm run bench`: Quire against two peers (the stock y-websocket server and Hocuspocus) and
// two byte relays (one that forwards at once, one that syncs to disk first), in one run.
//   --quick            short durations and fewer clients (about 8-10 minutes, for development;
//                      a full run takes about 30 minutes on 2 cores)
//   --only a,b         scenarios to run: fanout, manydocs, idle, ingest, churn, cluster,
//                      cluster-postgres, fallback, trace (a real concurrent editing trace, two
//                      authors, replayed live), browser (a ~105k-character document in
//                      Chromium while a peer types; Quire only, needs /usr/bin/chromium and
//                      builds web/ into the snapshot). cluster, cluster-postgres and fallback compare
//                      Quire set-ups with each other and need quire among --servers; the cluster
//                      ones also need /usr/bin/redis-server, cluster-postgres the postgresql package
//   --servers a,b      servers to run: quire, reference, hocuspocus, relay, durable (ratios need the pair they
//                      compare; durable, the relay that syncs each batch first, runs fan-out and
//                      many documents only)
//   --repeats N        repetitions per latency/idle scenario instead of the default (3, quick: 1)
//   --profile          start the Quire server with --cpu-prof (profiles in bench/results/<run>/profiles;
//                      summarize with node bench/profile-summary.mjs FILE); the browser
//                      scenario also writes the page's profiles there (browser-N-keys/-paste)
//   --quire-node-args=X  extra Node flags for the Quire server (e.g. =--trace-gc; its output
//                      lands in the run's quire.log)
//   --quire-from X     worktree (default: build and measure the working tree), head (build
//                      the last commit in a private copy, ignoring uncommitted edits), or any
//                      commit (e.g. an older one, to compare a change's before and after)
//   --no-build         with worktree: use server/dist (and web/dist) as it is instead of building
//   --no-results-md    do not rewrite bench/RESULTS.md (default: rewritten by full runs only)
// Prints one table, writes bench/results/<date>.json, and for full runs bench/RESULTS.md.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machineInfo } from './proc-stats.mjs';
import { ensureHocuspocus, ensureReference, startServer, SERVER_KINDS } from './servers.mjs';
import { prepareQuire, prepareWeb } from './quire-build.mjs';
import { startRedis } from './redis.mjs';
import { startPostgres } from './postgres.mjs';
import { startLoadgens } from './loadgen/pool.mjs';
import { markdownTable, targetSummary, writeJson, writeResultsMarkdown } from './report.mjs';
import * as fanout from './scenarios/fanout.mjs';
import * as manyDocs from './scenarios/many-docs.mjs';
import * as idle from './scenarios/idle.mjs';
import * as ingest from './scenarios/ingest.mjs';
import * as churn from './scenarios/churn.mjs';
import * as cluster from './scenarios/cluster.mjs';
import * as clusterPostgres from './scenarios/cluster-postgres.mjs';
import * as fallback from './scenarios/fallback.mjs';
import * as trace from './scenarios/trace.mjs';
import * as browser from './scenarios/browser.mjs';

const SCENARIOS = [fanout, manyDocs, idle, ingest, churn, cluster, clusterPostgres, fallback, trace, browser];
const ANALYSIS_MARK = '<!-- analysis: text below this line is kept when the bench rewrites this file -->';
const benchDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(benchDir);

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    servers: { type: 'string' },
    repeats: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'quire-node-args': { type: 'string' },
    'quire-from': { type: 'string', default: 'worktree' },
    'no-build': { type: 'boolean', default: false },
    'no-results-md': { type: 'boolean', default: false },
  },
});

if (!/^(worktree|head|[0-9a-f]{7,40})$/.test(flags['quire-from'])) {
  process.stderr.write(`--quire-from must be worktree, head or a commit id\n`);
  process.exit(2);
}
const selected = flags.only ? flags.only.split(',').map((s) => s.trim()) : SCENARIOS.map((s) => s.name);
const unknown = selected.filter((name) => !SCENARIOS.some((s) => s.name === name));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}\n`,
  );
  process.exit(2);
}

const kinds = flags.servers ? flags.servers.split(',').map((s) => s.trim()) : SERVER_KINDS;
if (kinds.some((kind) => !SERVER_KINDS.includes(kind))) {
  process.stderr.write(`--servers takes a list of: ${SERVER_KINDS.join(', ')}\n`);
  process.exit(2);
}
const repeats = flags.repeats === undefined ? undefined : Number(flags.repeats);
if (repeats !== undefined && !(Number.isInteger(repeats) && repeats >= 1 && repeats <= 10)) {
  process.stderr.write('--repeats takes a whole number from 1 to 10\n');
  process.exit(2);
}

const startedAt = new Date();
const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
const resultsDir = join(benchDir, 'results');
const runDir = join(resultsDir, stamp);
mkdirSync(runDir, { recursive: true });
if (flags.profile) mkdirSync(join(runDir, 'profiles'), { recursive: true });
const tmpRoot = mkdtempSync(join(tmpdir(), 'quire-bench-'));
const log = (message) =>
  process.stdout.write(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)}s] ${message}\n`);

const entries = {
  quire: prepareQuire({
    root,
    snapshot: join(tmpRoot, 'quire'),
    from: flags['quire-from'],
    build: !flags['no-build'],
    log,
  }),
  reference: ensureReference({ benchDir, log }),
  hocuspocus: ensureHocuspocus({ benchDir, log }),
  relay: join(benchDir, 'relay.mjs'),
  durable: join(benchDir, 'durable-relay.mjs'),
};
// The browser scenario serves the editor's page from the same snapshot as the server.
const quireWebBuilt =
  selected.includes('browser') &&
  kinds.includes('quire') &&
  prepareWeb({ root, snapshot: join(tmpRoot, 'quire'), from: flags['quire-from'], build: !flags['no-build'], log });

let dataDirs = 0;
let profiles = 0;
const ctx = {
  quick: flags.quick,
  kinds,
  repeats,
  runId: stamp,
  log,
  tmpRoot,
  root,
  quireWebBuilt,
  profileDir: flags.profile ? join(runDir, 'profiles') : undefined,
  traceFile: join(root, 'server/test/fixtures/traces/automerge-paper.json.gz'),
  concurrentTraceFile: join(benchDir, 'traces/friendsforever.json.gz'),
  newDataDir: () => {
    const dir = join(tmpRoot, `data-${++dataDirs}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  },
  // `redisUrl` makes a Quire instance a cluster member; `logName` keeps instances' logs apart;
  // `extraArgs` are more `quire serve` flags (e.g. --postgres).
  startServer: (kind, { dataDir, redisUrl, logName = kind, extraArgs = [] } = {}) => {
    const nodeArgs =
      flags.profile && kind === 'quire'
        ? ['--cpu-prof', `--cpu-prof-dir=${join(runDir, 'profiles')}`, `--cpu-prof-name=quire-${++profiles}.cpuprofile`]
        : [];
    if (kind === 'quire' && flags['quire-node-args']) nodeArgs.push(...flags['quire-node-args'].split(/\s+/));
    return startServer({
      kind,
      entries,
      dataDir: dataDir ?? (kind === 'relay' ? undefined : ctx.newDataDir()),
      logFile: join(runDir, `${logName}.log`),
      nodeArgs,
      extraArgs: [...(redisUrl ? ['--redis', redisUrl] : []), ...extraArgs],
    });
  },
  startRedis: () => startRedis({ dir: ctx.newDataDir(), logFile: join(runDir, 'redis.log') }),
  startPostgres: () => startPostgres(),
  loadgens: (count) => startLoadgens(count, { logFile: join(runDir, 'loadgen.log') }),
};

const machine = machineInfo();
log(
  `machine: ${machine.nproc} cores, ${machine.cpuModel}, Node ${machine.node}; scenarios: ${selected.join(', ')}${flags.quick ? ' (quick)' : ''}`,
);

const results = [];
let failed = false;
try {
  for (const scenario of SCENARIOS.filter((s) => selected.includes(s.name))) {
    try {
      results.push(await scenario.run(ctx));
    } catch (err) {
      failed = true;
      log(`scenario ${scenario.name} FAILED: ${err.stack ?? err}`);
      results.push({ name: scenario.name, error: String(err.stack ?? err), rows: [] });
    }
  }
} finally {
  rmSync(tmpRoot, { recursive: true, force: true });
}

const rows = results.flatMap((result) => result.rows);
const durationMinutes = (Date.now() - startedAt) / 60_000;
const table = markdownTable(rows, SERVER_KINDS);
process.stdout.write(`\n${table}\n\n`);
const summary = targetSummary(rows);
process.stdout.write(
  `targets: ${summary.passed.length} PASS, ${summary.missed.length} MISS${summary.missed.length ? `: ${summary.missed.join('; ')}` : ''}\n`,
);

const jsonPath = join(resultsDir, `${stamp}.json`);
writeJson(jsonPath, { startedAt: startedAt.toISOString(), durationMinutes, flags, machine, results });
process.stdout.write(`results: ${jsonPath}\nlogs: ${runDir}\n`);

const isFullRun =
  !flags.quick && !flags.only && !flags.profile && !flags['quire-node-args'] && !flags.servers && repeats === undefined;
if (isFullRun && !flags['no-results-md'] && !failed) {
  const path = join(benchDir, 'RESULTS.md');
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const kept = previous.includes(ANALYSIS_MARK)
    ? previous.slice(previous.indexOf(ANALYSIS_MARK))
    : `${ANALYSIS_MARK}\n`;
  const passedFlags = process.argv.slice(2);
  writeResultsMarkdown(path, {
    rows,
    kinds,
    repeats,
    machine,
    startedAt: startedAt.toISOString(),
    durationMinutes,
    flags: passedFlags,
    notes: kept,
  });
  process.stdout.write(`wrote ${path}\n`);
}
process.exit(failed ? 1 : 0);
