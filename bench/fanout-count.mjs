// Fan-out work per update, counted so that a loaded machine barely moves it: one document,
// CLIENTS clients, a fixed number of updates, each server in turn (Quire and the byte relay
// by default). Per measured update it reports:
//   instructions (callgrind meter, the default): what the server executed in user space,
//     split into its main thread (JavaScript) and all other threads (V8's compiler and GC
//     helpers, libuv's pool: LevelDB, fdatasync); counted by valgrind's callgrind, which makes
//     the server some 50 times slower without changing the count. Kernel work is not in it
//     (loopback TCP, which both servers pay per send).
//   system calls: read and write calls (/proc/<pid>/io), exact under the cpu meter (valgrind
//     adds its own under callgrind).
//   cpu: user + system CPU in µs, whole process and by thread (main, others), which load moves.
// Updates go one at a time (each waits until every other client has it: no batching, the
// work per update is the same however slow the server runs), or with --rate N at N a second.
// Clients apply each other's updates, as the bench's editors do, so each one types into the
// shared text (--apply-remote off: each types into its own text only; the server then has to
// place every insert among the others' text, a Yjs conflict scan the bench never causes).
// --docs N spreads the clients over N documents of --clients each (the many-documents shape:
// --docs 200 --clients 5), and updates go to the documents in turn; Quire's group-commit syncs and
// LevelDB batches in the window are counted too (from /metrics), as they follow the clock.
// Usage: node bench/fanout-count.mjs [--servers quire,relay,quire=PATH/bin.js] [--updates 1000]
//   [--warmup 300] [--clients 50] [--docs 1] [--meter callgrind|cpu] [--rate 0] [--repeats 1] [--apply-remote on|off]
//   [--node-args="--trace-opt --trace-deopt"] [--server-log PREFIX] (output, and the window's alone)
//   [--keep-profile DIR] (callgrind's files, one per thread, for callgrind_annotate)
import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort, HOST } from './servers.mjs';
import { ioCounters, cpuSeconds } from './proc-stats.mjs';
import { YClient } from './loadgen/yclient.mjs';
import { encodeMarker, scanMarkers } from './loadgen/marker.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const { values: flags } = parseArgs({
  options: {
    servers: { type: 'string', default: 'quire,relay' },
    updates: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '300' },
    clients: { type: 'string', default: '50' },
    docs: { type: 'string', default: '1' },
    meter: { type: 'string', default: 'callgrind' },
    rate: { type: 'string', default: '0' },
    repeats: { type: 'string', default: '1' },
    'apply-remote': { type: 'string', default: 'on' },
    'node-args': { type: 'string', default: '' },
    'server-log': { type: 'string' },
    'keep-profile': { type: 'string' },
  },
});
const UPDATES = Number(flags.updates);
const CLIENTS = Number(flags.clients);
const DOCS = Number(flags.docs);
const useCallgrind = flags.meter === 'callgrind';
// valgrind names its control pipe after $USER and $HOST; callgrind_control must see the same.
const VGDB_ENV = { HOST, USER: 'bench', LOGNAME: 'bench' };
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
const log = (msg) => process.stderr.write(`${msg}\n`);
const label = (kind) => kind.replace(/[^a-z0-9]+/gi, '_').slice(0, 40);

function commandFor(kind, port, dataDir) {
  const env = { ...process.env, ...VGDB_ENV, PORT: String(port) };
  if (kind === 'relay') return { args: [join(benchDir, 'relay.mjs')], env };
  if (kind !== 'quire' && !kind.startsWith('quire=')) throw new Error(`unknown server ${kind}`);
  const entry = kind === 'quire' ? join(benchDir, '../server/dist/cli/bin.js') : resolve(kind.slice(6));
  const args = [entry, 'serve', '--port', String(port), '--host', HOST, '--data', dataDir, '--log-level', 'warn'];
  const limitsOff = { MAX_CONNECTIONS_PER_IP: '0', MAX_MESSAGES_PER_SECOND: '0', MAX_BYTES_PER_SECOND: '0' };
  return { args, env: { ...env, ...limitsOff } };
}

async function startServer(kind, workDir) {
  const port = await freePort();
  const { args, env } = commandFor(kind, port, join(workDir, 'data'));
  const node = [...flags['node-args'].split(' ').filter(Boolean), ...args];
  const callgrindArgs = ['--tool=callgrind', '--instr-atstart=no', '--separate-threads=yes'];
  const argv = useCallgrind ? [...callgrindArgs, `--callgrind-out-file=${join(workDir, 'callgrind.out')}`] : [];
  const logFile = flags['server-log'] ? `${flags['server-log']}.${label(kind)}` : undefined;
  const stdout = logFile ? fs.openSync(logFile, 'w') : 'ignore';
  const command = useCallgrind ? ['valgrind', [...argv, process.execPath, ...node]] : [process.execPath, node];
  const child = spawn(...command, { env, stdio: ['ignore', stdout, 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise((done) => child.once('exit', done));
  for (const deadline = Date.now() + 300_000; ; await new Promise((done) => setTimeout(done, 200))) {
    if (child.exitCode !== null) throw new Error(`${kind} exited:\n${stderr}`);
    if (Date.now() > deadline) throw new Error(`${kind} did not start`);
    const ready = await fetch(`http://${HOST}:${port}${kind === 'relay' ? '/' : '/healthz'}`).catch(() => false);
    if (ready) break;
  }
  return { kind, pid: child.pid, port, workDir, logFile, stop: () => (child.kill('SIGTERM'), exited) };
}

/** A seeded random source, so every run types at the same places. */
function seeded(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Opens the clients; `sendOne` makes the next update, `delivered` waits for all to arrive. */
async function openClients(server, docPrefix) {
  const counts = { received: 0, expected: 0, wake: undefined };
  // Counted by marker: a batch relayed as one frame carries several updates.
  const onRemoteUpdate = (update) => {
    scanMarkers(update, 0, () => counts.received++);
    if (counts.received >= counts.expected) counts.wake?.();
  };
  const wsUrl = `ws://${HOST}:${server.port}`;
  const clients = [];
  for (let d = 0; d < DOCS; d++) {
    const docName = DOCS === 1 ? docPrefix : `${docPrefix}-${d}`;
    for (let i = 0; i < CLIENTS; i++) {
      const isRelay = server.kind === 'relay';
      const appliesRemote = flags['apply-remote'] !== 'off';
      const client = new YClient({ wsUrl, docName, isRelay, appliesRemote, onRemoteUpdate });
      client.doc.clientID = 1000 + i;
      await client.open();
      clients.push(client);
    }
  }
  const random = seeded(7);
  let count = 0;
  // Update n goes to document n % DOCS, typed by its clients in turn.
  const sendOne = () => {
    const doc = count % DOCS;
    const writer = Math.floor(count / DOCS) % CLIENTS;
    const client = clients[doc * CLIENTS + writer];
    counts.expected += CLIENTS - 1;
    client.text.insert(Math.floor(random() * (client.text.length + 1)), encodeMarker(count, 0, writer));
    count++;
  };
  const delivered = () =>
    counts.received >= counts.expected ? Promise.resolve() : new Promise((done) => (counts.wake = done));
  const close = async () => {
    await Promise.all(clients.map((client) => client.close()));
    for (const client of clients) client.destroy();
  };
  return { sendOne, delivered, close };
}

/** `n` updates: one at a time, or at `rate` a second without waiting; then until all arrived. */
async function send({ sendOne, delivered }, n, rate) {
  const startedAt = performance.now();
  for (let i = 0; i < n; i++) {
    const dueIn = startedAt + (i * 1000) / rate - performance.now();
    if (rate > 0 && dueIn > 1) await new Promise((done) => setTimeout(done, dueIn));
    sendOne();
    if (rate === 0) await delivered();
  }
  await delivered();
}

function callgrind(pid, ...args) {
  execFileSync('callgrind_control', [...args, String(pid)], { stdio: 'ignore', env: { ...process.env, ...VGDB_ENV } });
}

/** CPU seconds (user + system) of `pid`'s main thread and of all its others. */
function threadCpu(pid) {
  const sums = { main: 0, others: 0 };
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      sums[tid === String(pid) ? 'main' : 'others'] += (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    } catch {
      // The thread ended meanwhile.
    }
  }
  return sums;
}

/** Quire's count of syncs and of storage batches so far (none for the relay). */
async function storageCounts(server) {
  if (server.kind === 'relay') return { syncs: 0, batches: 0 };
  const text = await (await fetch(`http://${HOST}:${server.port}/metrics`)).text();
  const count = (name) => Number(new RegExp(`^${name}_count(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  return { syncs: count('quire_sync_seconds'), batches: count('quire_persist_batch_seconds') };
}

async function snapshot(server) {
  const at = { io: ioCounters(server.pid), cpu: cpuSeconds(server.pid), threads: threadCpu(server.pid) };
  at.storage = await storageCounts(server);
  at.logBytes = server.logFile ? fs.statSync(server.logFile).size : 0;
  at.us = process.hrtime.bigint() / 1000n;
  return at;
}

function perUpdate(server, from, to) {
  const us = (seconds) => (seconds * 1e6) / UPDATES;
  // The server's output during the window alone (e.g. --trace-opt --trace-deopt).
  if (server.logFile) {
    fs.writeFileSync(`${server.logFile}.window`, fs.readFileSync(server.logFile).subarray(from.logBytes));
  }
  return {
    kind: server.kind,
    writesPerUpdate: (to.io.writeCalls - from.io.writeCalls) / UPDATES,
    readsPerUpdate: (to.io.readCalls - from.io.readCalls) / UPDATES,
    syncsPerUpdate: (to.storage.syncs - from.storage.syncs) / UPDATES,
    levelBatchesPerUpdate: (to.storage.batches - from.storage.batches) / UPDATES,
    cpuUsPerUpdate: us(to.cpu - from.cpu),
    cpuUsMainThread: us(to.threads.main - from.threads.main),
    cpuUsOtherThreads: us(to.threads.others - from.threads.others),
    // For bench/profile-summary.mjs --window, with --node-args=--cpu-prof.
    profileWindow: `${from.us}:${to.us}`,
  };
}

/** Instructions of the window's dump, main thread and all others (callgrind.out[-NN] came after it). */
function instructions(server, rep) {
  const files = fs.readdirSync(server.workDir).filter((file) => /^callgrind\.out\.1(-\d+)?$/.test(file));
  const sums = { main: 0, others: 0 };
  for (const file of files) {
    const text = fs.readFileSync(join(server.workDir, file), 'utf8');
    const total = /^(?:totals|summary):\s+(\d+)/m.exec(text);
    const thread = Number(/^thread:\s+(\d+)/m.exec(text)?.[1] ?? 1);
    if (total) sums[thread === 1 ? 'main' : 'others'] += Number(total[1]);
    const keep = flags['keep-profile'];
    if (keep) fs.mkdirSync(keep, { recursive: true });
    if (keep) fs.copyFileSync(join(server.workDir, file), join(keep, `${label(server.kind)}-${rep}-${file}`));
  }
  const { main, others } = sums;
  return { instructions: (main + others) / UPDATES, mainThread: main / UPDATES, otherThreads: others / UPDATES };
}

async function measure(kind, rep) {
  const server = await startServer(kind, fs.mkdtempSync(join(tmpdir(), 'fanout-count-')));
  try {
    const clients = await openClients(server, `count-${rep}`);
    await send(clients, Number(flags.warmup), Number(flags.rate));
    const from = await snapshot(server);
    if (useCallgrind) callgrind(server.pid, '--instr=on');
    log(`window starts: server pid ${server.pid}`);
    await send(clients, UPDATES, Number(flags.rate));
    if (useCallgrind) callgrind(server.pid, '--dump=window');
    if (useCallgrind) callgrind(server.pid, '--instr=off');
    const result = perUpdate(server, from, await snapshot(server));
    if (useCallgrind) Object.assign(result, instructions(server, rep));
    await clients.close();
    return result;
  } finally {
    await server.stop();
    fs.rmSync(server.workDir, { recursive: true, force: true });
  }
}

const results = [];
for (let rep = 0; rep < Number(flags.repeats); rep++) {
  for (const kind of flags.servers.split(',')) {
    log(`${kind}, run ${rep + 1}: ${CLIENTS} clients, ${flags.warmup} warm-up updates, ${UPDATES} measured`);
    const result = await measure(kind, rep);
    log(JSON.stringify(result));
    results.push(result);
  }
}
process.stdout.write(`${JSON.stringify(results, null, 1)}\n`);
