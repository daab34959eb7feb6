// Starts each server under test as its own process on 127.0.0.1 and stops it again.
// Every server gets a port we picked, a raised open-files limit and its own data folder;
// readiness is an answered HTTP request, so no log format is relied upon.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { cpuSeconds, ioCounters, peakRssBytes, rssBytes } from './proc-stats.mjs';

export const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 60_000;

export const SERVER_KINDS = ['quire', 'reference', 'hocuspocus', 'relay', 'durable'];

/** The servers Quire is compared with as peers (each figure also as a ratio to the best). */
export const PEERS = ['reference', 'hocuspocus'];

/** The byte relays: they forward frames and do not answer the sync protocol themselves. */
export const isByteRelay = (kind) => kind === 'relay' || kind === 'durable';

/** The framing a load generator speaks to `kind` (Hocuspocus prefixes every frame). */
export const protocolOf = (kind) => (kind === 'hocuspocus' ? 'hocuspocus' : 'y-websocket');

/** Installs the reference server into bench/reference/ when it is missing. */
export function ensureReference({ benchDir, log }) {
  const dir = join(benchDir, 'reference');
  return ensureInstalled(dir, join(dir, 'node_modules/@y/websocket-server/src/server.js'), 'the reference server', log);
}

/** Installs Hocuspocus into bench/hocuspocus/ when it is missing; its entry is our server.mjs there. */
export function ensureHocuspocus({ benchDir, log }) {
  const dir = join(benchDir, 'hocuspocus');
  ensureInstalled(dir, join(dir, 'node_modules/@hocuspocus/server/package.json'), 'Hocuspocus', log);
  return join(dir, 'server.mjs');
}

function ensureInstalled(dir, entry, what, log) {
  if (existsSync(entry)) return entry;
  log(`installing ${what}: npm ci --prefix ${dir}`);
  const result = spawnSync('npm', ['ci', '--prefix', dir, '--no-audit', '--no-fund'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0 || !existsSync(entry)) {
    throw new Error(`installing ${dir} failed:\n${result.stdout}\n${result.stderr}`);
  }
  return entry;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts one server. `entries` maps kinds to their scripts. `nodeArgs` adds Node flags
 * (e.g. --cpu-prof for the Quire process); `extraArgs` adds server flags (e.g. --redis).
 * Resolves once it answers HTTP.
 */
export async function startServer({ kind, entries, dataDir, logFile, nodeArgs = [], extraArgs = [] }) {
  const port = await freePort();
  const { script, args, env } = commandFor(kind, entries[kind], port, dataDir);
  args.push(...extraArgs);
  // exec keeps the pid: /proc/<pid> is the server itself, with the hard open-files limit.
  const child = spawn(
    'bash',
    ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', 'bash', process.execPath, ...nodeArgs, script, ...args],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const logStream = createWriteStream(logFile, { flags: 'a' });
  child.stdout.pipe(logStream);
  child.stderr.pipe(logStream);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const server = {
    kind,
    pid: child.pid,
    port,
    dataDir,
    httpUrl: `http://${HOST}:${port}`,
    wsUrl: `ws://${HOST}:${port}`,
    exited,
    cpu: () => cpuSeconds(child.pid),
    rss: () => rssBytes(child.pid),
    peakRss: () => peakRssBytes(child.pid),
    io: () => ioCounters(child.pid),
    health: () => fetchJson(`http://${HOST}:${port}${kind === 'quire' ? '/healthz' : '/'}`),
    stop: () => stopProcess(child, exited),
  };
  await waitReady(server, exited);
  return server;
}

function commandFor(kind, script, port, dataDir) {
  const env = { HOST, PORT: String(port) };
  if (kind === 'quire') {
    return {
      script,
      args: ['serve', '--port', String(port), '--host', HOST, '--data', dataDir, '--log-level', 'warn'],
      // Abuse limits are per client address, and every load generator is 127.0.0.1: switch
      // them off (env, so builds without these options simply ignore them).
      env: { ...env, MAX_CONNECTIONS_PER_IP: '0', MAX_MESSAGES_PER_SECOND: '0', MAX_BYTES_PER_SECOND: '0' },
    };
  }
  if (kind === 'reference') return { script, args: [], env: { ...env, YPERSISTENCE: dataDir } };
  if (kind === 'hocuspocus') return { script, args: [], env: { ...env, DATA: dataDir } };
  if (kind === 'relay') return { script, args: [], env };
  if (kind === 'durable') return { script, args: [], env: { ...env, DATA: dataDir } };
  throw new Error(`unknown server kind ${kind}`);
}

async function waitReady(server, exited) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  while (Date.now() < deadline && !hasExited) {
    try {
      await server.health();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`${server.kind} server did not become ready (exited: ${hasExited})`);
}

async function fetchJson(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return { text };
  }
}

async function stopProcess(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  const startedAt = performance.now();
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  const result = await exited;
  clearTimeout(timer);
  return { ...result, ms: performance.now() - startedAt };
}
