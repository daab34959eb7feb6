// Reads what the kernel knows about a server process (Linux /proc): CPU seconds
// (utime + stime), resident memory now (VmRSS) and at its peak (VmHWM), plus folder sizes.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import os from 'node:os';

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU seconds used so far by `pid` (user + system), or NaN once it is gone. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

function statusField(pid, name) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Resident set size in bytes. */
export const rssBytes = (pid) => statusField(pid, 'VmRSS');
/** Peak resident set size in bytes since the process started. */
export const peakRssBytes = (pid) => statusField(pid, 'VmHWM');

/** Bytes of every file under `dir` (apparent sizes, like `du -sb`). */
export function diskBytes(dir) {
  let total = 0;
  const stack = [dir];
  for (let guard = 0; stack.length > 0 && guard < 100_000; guard++) {
    const current = stack.pop();
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else {
        try {
          total += statSync(path).size;
        } catch {
          // A LevelDB file removed while we looked: it no longer counts.
        }
      }
    }
  }
  return total;
}

/** Median of several RSS readings over `ms`, to smooth out a collection in progress. */
export async function settledRss(pid, ms = 1500, samples = 5) {
  const values = [];
  for (let i = 0; i < samples; i++) {
    await new Promise((resolve) => setTimeout(resolve, ms / samples));
    values.push(rssBytes(pid));
  }
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
}

/**
 * RSS once the process is at rest: V8 gives freed heap pages back some seconds after the
 * garbage is made, so RSS is sampled every second until it has not fallen (by more than
 * 1%) for `quietMs`, or `timeoutMs` has passed; the median of the last five samples.
 */
export async function restingRss(pid, { quietMs = 30_000, timeoutMs = 120_000 } = {}) {
  const startedAt = performance.now();
  const values = [rssBytes(pid)];
  let lowest = values[0];
  let lowestAt = startedAt;
  while (performance.now() - lowestAt < quietMs && performance.now() - startedAt < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rss = rssBytes(pid);
    values.push(rss);
    if (rss < lowest * 0.99) lowestAt = performance.now();
    lowest = Math.min(lowest, rss);
  }
  const last = values.slice(-5).sort((a, b) => a - b);
  return last[Math.floor(last.length / 2)];
}

export function machineInfo() {
  let softLimit = 'unknown';
  try {
    softLimit = execFileSync('bash', ['-c', 'ulimit -n']).toString().trim();
  } catch {
    // Not fatal: only reported.
  }
  return {
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    openFilesSoftLimit: softLimit,
  };
}

/** Bytes per LevelDB file kind in `dir`: write-ahead log (.log), tables (.ldb/.sst), other. */
export function diskBreakdown(dir) {
  const out = { log: 0, table: 0, other: 0 };
  let entries = [];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    let size = 0;
    try {
      size = statSync(join(dir, entry.name)).size;
    } catch {
      continue;
    }
    if (entry.name.endsWith('.log')) out.log += size;
    else if (entry.name.endsWith('.ldb') || entry.name.endsWith('.sst')) out.table += size;
    else out.other += size;
  }
  return out;
}

/** System-call and byte counters of `pid` (/proc/<pid>/io): reads, writes, bytes in/out. */
export function ioCounters(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/io`, 'utf8');
    const field = (name) => Number(new RegExp(`^${name}: (\\d+)`, 'm').exec(text)?.[1] ?? Number.NaN);
    return {
      readCalls: field('syscr'),
      writeCalls: field('syscw'),
      readBytes: field('rchar'),
      writeBytes: field('wchar'),
    };
  } catch {
    return { readCalls: Number.NaN, writeCalls: Number.NaN, readBytes: Number.NaN, writeBytes: Number.NaN };
  }
}
