import { notLoaded, type LogSize } from './doc-store.js';

/**
 * Where each loaded document's LevelDB log stands (SPEC: Guarantees): its sequence numbers
 * and size. Appends take the next sequence number; a compaction takes one too and retires
 * everything below it. Pure bookkeeping, no I/O: the store turns the answers into batches.
 */
interface DocLog extends LogSize {
  /** Lowest sequence number still stored. */
  firstSeq: number;
  nextSeq: number;
  /** Entries deleted by compactions since LevelDB last reclaimed their space. */
  tombstones: number;
}

/** One stored entry as `load` reads it. */
export interface StoredEntry {
  seq: number;
  bytes: number;
}

export class LevelLogs {
  private readonly logs = new Map<string, DocLog>();

  /** Starts the bookkeeping of `docName` from its stored entries, oldest first. */
  start(docName: string, entries: StoredEntry[]): void {
    const first = entries[0];
    const last = entries.at(-1);
    this.logs.set(docName, {
      firstSeq: first?.seq ?? 0,
      nextSeq: last === undefined ? 0 : last.seq + 1,
      count: entries.length,
      bytes: entries.reduce((sum, entry) => sum + entry.bytes, 0),
      baseBytes: first?.bytes ?? 0,
      tombstones: 0,
    });
  }

  isLoaded(docName: string): boolean {
    return this.logs.has(docName);
  }

  /** Counts an appended entry; returns its sequence number and the log's new size in bytes. */
  append(docName: string, bytes: number): { seq: number; total: number } {
    const log = this.logOf(docName);
    if (log.count === 0) log.baseBytes = bytes;
    log.count += 1;
    log.bytes += bytes;
    return { seq: log.nextSeq++, total: log.bytes };
  }

  /** Makes a compacted state of `bytes` the whole log; returns its sequence number and the ones it retires. */
  compact(docName: string, bytes: number): { seq: number; retired: number[] } {
    const log = this.logOf(docName);
    const seq = log.nextSeq++;
    const retired: number[] = [];
    for (let old = log.firstSeq; old < seq; old++) retired.push(old);
    log.tombstones += retired.length;
    log.firstSeq = seq;
    Object.assign(log, { count: 1, bytes, baseBytes: bytes });
    return { seq, retired };
  }

  size(docName: string): LogSize {
    const { count, bytes, baseBytes } = this.logOf(docName);
    return { count, bytes, baseBytes };
  }

  /** Entries retired since the last reset, which LevelDB still keeps as tombstones. */
  tombstones(docName: string): number {
    return this.logs.get(docName)?.tombstones ?? 0;
  }

  resetTombstones(docName: string): void {
    const log = this.logs.get(docName);
    if (log) log.tombstones = 0;
  }

  forget(docName: string): void {
    this.logs.delete(docName);
  }

  private logOf(docName: string): DocLog {
    const log = this.logs.get(docName);
    if (!log) throw notLoaded(docName);
    return log;
  }
}
