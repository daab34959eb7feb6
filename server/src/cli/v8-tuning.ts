import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for a long-running `quire serve` process, set before the server starts.
 *
 * Allocation-site pretenuring is switched off. With it on, V8 comes to allocate the maps
 * and sets of every Yjs transaction (one per update, dead within microseconds) as if they
 * were long-lived: a sampling heap profile shows them surviving scavenges, the old
 * generation fills with them, and a full mark-compact follows every few seconds. Measured
 * with `npm run bench` (many documents): bytes promoted out of the young generation fall
 * about fourfold, the mark-compacts stop, total GC pause time halves, and with it the
 * latency Quire adds beyond syncing to disk. Embedders calling `startServer` keep their
 * own process's settings.
 */
export function tuneV8ForServing(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
