import type { LogSize } from '../storage/doc-store.js';

/**
 * When a document's stored log is merged into one state (SPEC: Guarantees). Past a count
 * of entries, or once the entries appended since the last compaction outweigh the
 * compacted state itself (at least 1 MiB), so bytes on disk stay within about twice the
 * document's encoded size and opening a document never has to merge a long log.
 */
export const COMPACT_AFTER_ENTRIES = 1000;
export const COMPACT_MIN_TAIL_BYTES = 1024 * 1024;

export function shouldCompact(log: LogSize): boolean {
  if (log.count <= 1) return false;
  const tailBytes = log.bytes - log.baseBytes;
  return log.count > COMPACT_AFTER_ENTRIES || tailBytes > Math.max(COMPACT_MIN_TAIL_BYTES, log.baseBytes);
}
