// Helpers shared by the scenarios.
import { diskBytes } from '../proc-stats.mjs';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const now = () => performance.timeOrigin + performance.now();
export const MiB = 1024 * 1024;

/**
 * Waits until a server has stopped working: no CPU (under two clock ticks per poll) and no
 * change in its data folder for `quietMs`. Returns the time activity was last seen. This
 * is how the reference's LevelDB writes are timed, since nothing in its protocol says when
 * they are done.
 */
export async function waitQuiet(server, { quietMs = 1500, pollMs = 100, timeoutMs = 600_000 } = {}) {
  const deadline = now() + timeoutMs;
  let lastActive = now();
  let lastCpu = server.cpu();
  let lastSize = server.dataDir ? diskBytes(server.dataDir) : 0;
  while (now() - lastActive < quietMs && now() < deadline) {
    await sleep(pollMs);
    const cpu = server.cpu();
    const size = server.dataDir ? diskBytes(server.dataDir) : 0;
    if (cpu - lastCpu >= 0.02 || size !== lastSize) lastActive = now();
    lastCpu = cpu;
    lastSize = size;
  }
  return { lastActive, timedOut: now() >= deadline };
}

/** Splits `items` round-robin over `count` groups. */
export function roundRobin(items, count) {
  const groups = Array.from({ length: count }, () => []);
  items.forEach((item, index) => groups[index % count].push(item));
  return groups;
}

export function assertNoFailures(what, results) {
  const failures = results.flatMap((result) => result.failures ?? []);
  if (failures.length > 0) {
    throw new Error(`${what}: ${failures.length} failures, e.g. ${failures.slice(0, 3).join('; ')}`);
  }
}
