// The floor for any server that keeps the SPEC's durability rule: the byte relay of
// `relay.mjs`, except that every frame is appended to a log file and fdatasync'd before it
// is forwarded. Frames that arrive while a sync is running go out together after the next
// one (group commit), and, as in Quire, syncs start at least COMMIT_INTERVAL_MS apart.
// No Yjs work, no checks, no index: what is left is the cost of the syncs themselves.
// Usage: HOST=127.0.0.1 PORT=4000 DATA=/tmp/dir [COMMIT_INTERVAL_MS=10] node bench/durable-relay.mjs
import { fdatasync, mkdirSync, openSync, writev } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startRelay } from './relay-server.mjs';

const dataDir = process.env.DATA;
if (!dataDir) throw new Error('DATA must name a folder for the log');
// Quire's default --commit-interval-ms, so both make the same trade unless COMMIT_INTERVAL_MS is set.
const intervalMs = Number(process.env.COMMIT_INTERVAL_MS ?? 10);
mkdirSync(dataDir, { recursive: true });
const fd = openSync(join(dataDir, 'frames.log'), 'a');
const writevAsync = promisify(writev);
const fdatasyncAsync = promisify(fdatasync);

/** Frames waiting for the next sync, each with what to do once it is on disk. */
let queue = [];
let syncing = false;
let timer;
let lastSyncAt = -Infinity;

function afterSync(data, forward) {
  queue.push({ data, forward });
  schedule();
}

function schedule() {
  if (syncing || timer || queue.length === 0) return;
  const waitMs = lastSyncAt + intervalMs - performance.now();
  timer = waitMs <= 0 ? setImmediate(flush) : setTimeout(flush, Math.ceil(waitMs));
}

async function flush() {
  timer = undefined;
  const batch = queue;
  queue = [];
  syncing = true;
  lastSyncAt = performance.now();
  await writevAsync(
    fd,
    batch.map((frame) => frame.data),
  );
  await fdatasyncAsync(fd);
  syncing = false;
  for (const frame of batch) frame.forward();
  schedule();
}

startRelay({ name: 'durable relay', afterReceive: afterSync });
