import type { LogSize } from '../storage/doc-store.js';

/**
 * When a document's stored log is merged into one state (SPEC: Guarantees). Past a count
 * of entries, or once the entries appended since the last compaction outweigh the
 * compacted state itself (at least 1 MiB), so bytes on disk stay within about twice the
 * document's encoded size and opening a document never has to apply a long log. Each
 * compaction encodes the whole document, so a busy document pays it once per this many
 * keystrokes; a log this long still loads in one transaction in tens of milliseconds
 * (`StoredDoc`).
 */
export const COMPACT_AFTER_ENTRIES = 5000;
export const COMPACT_MIN_TAIL_BYTES = 1024 * 1024;

export function shouldCompact(log: LogSize): boolean {
  if (log.count <= 1) return false;
  const tailBytes = log.bytes - log.baseBytes;
  return log.count > COMPACT_AFTER_ENTRIES || tailBytes > Math.max(COMPACT_MIN_TAIL_BYTES, log.baseBytes);
}
