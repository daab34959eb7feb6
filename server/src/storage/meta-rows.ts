import type { BatchOp } from './group-commit.js';
import { metaKey } from './keys.js';
import { isoTime } from './iso-time.js';

/**
 * The metadata rows of the LevelDB store: each document's size and change time, which is
 * what the document list shows. While a document is being edited its row is rewritten at
 * most every META_WRITE_INTERVAL_MS (riding along with the batches that carry its
 * updates); in between, `live` answers with the current values. A new document's row goes
 * out with its first write, and an unloaded one's at once.
 */
export const META_WRITE_INTERVAL_MS = 1000;
/**
 * How late a due row may go out: `takeDue` runs once per written turn, and looks at the
 * documents only once a row is due, taking every row due by then. A row is still never
 * rewritten sooner than META_WRITE_INTERVAL_MS after the last time.
 */
export const META_DUE_SLACK_MS = 100;

export interface StoredMeta {
  bytes: number;
  updatedAt: string;
}

/** A written document's size and change time, and when its row was last written. */
interface MetaState {
  bytes: number;
  changedAt: number;
  writtenAt: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class MetaRows {
  /** Metadata of the documents written since they were loaded. */
  private readonly meta = new Map<string, MetaState>();
  /** Documents whose row is behind. */
  private readonly stale = new Set<string>();
  /**
   * No row is due before this (a lower bound): until then `takeDue` answers without looking
   * at the documents, so a turn's write costs the same however many are being edited.
   */
  private nextDueAt = Infinity;

  /** Records that `docName` changed and now holds `bytes`. */
  markChanged(docName: string, bytes: number): void {
    let meta = this.meta.get(docName);
    if (meta) {
      meta.bytes = bytes;
      meta.changedAt = Date.now();
    } else {
      meta = { bytes, changedAt: Date.now(), writtenAt: -Infinity };
      this.meta.set(docName, meta);
    }
    this.stale.add(docName);
    // A new document's row is due at once (its `writtenAt` is -Infinity).
    this.nextDueAt = Math.min(this.nextDueAt, meta.writtenAt + META_WRITE_INTERVAL_MS + META_DUE_SLACK_MS);
  }

  /** The rows due with the next batch: new documents', and those not written for a while. */
  takeDue(): BatchOp[] {
    const now = Date.now();
    if (now < this.nextDueAt) return [];
    const ops: BatchOp[] = [];
    let next = Infinity;
    for (const docName of this.stale) {
      const meta = this.meta.get(docName)!;
      const dueAt = meta.writtenAt + META_WRITE_INTERVAL_MS;
      if (now < dueAt) {
        next = Math.min(next, dueAt);
        continue;
      }
      ops.push(metaOp(docName, meta));
      meta.writtenAt = now;
      this.stale.delete(docName);
    }
    this.nextDueAt = next + META_DUE_SLACK_MS;
    return ops;
  }

  /** The row of `docName` if it is behind (to write it now), and forgets the document. */
  takeStale(docName: string): BatchOp | undefined {
    const meta = this.meta.get(docName);
    this.meta.delete(docName);
    if (!meta || !this.stale.delete(docName)) return undefined;
    return metaOp(docName, meta);
  }

  /** The rows of every document whose row is behind (on close); forgets them all. */
  takeAllStale(): BatchOp[] {
    return [...this.stale].flatMap((docName) => this.takeStale(docName) ?? []);
  }

  /** What the list shows for `docName`: its live values if its row is behind, else the row. */
  listed(docName: string, row: Uint8Array): StoredMeta {
    const live = this.stale.has(docName) ? this.meta.get(docName) : undefined;
    return live ? storedMeta(live) : (JSON.parse(decoder.decode(row)) as StoredMeta);
  }

  forget(docName: string): void {
    this.meta.delete(docName);
    this.stale.delete(docName);
  }
}

function storedMeta(meta: MetaState): StoredMeta {
  return { bytes: meta.bytes, updatedAt: isoTime(meta.changedAt) };
}

/** The row as `JSON.stringify(storedMeta(meta))` writes it (`bytes` is a byte count). */
function metaOp(docName: string, meta: MetaState): BatchOp {
  const json = `{"bytes":${meta.bytes},"updatedAt":"${isoTime(meta.changedAt)}"}`;
  return { type: 'put', key: metaKey(docName), value: encoder.encode(json) };
}
