import type { BatchOp } from './group-commit.js';
import { metaKey } from './keys.js';

/**
 * The metadata rows of the LevelDB store: each document's size and change time, which is
 * what the document list shows. While a document is being edited its row is rewritten at
 * most every META_WRITE_INTERVAL_MS (riding along with the batches that carry its
 * updates); in between, `live` answers with the current values. A new document's row goes
 * out with its first write, and an unloaded one's at once.
 */
export const META_WRITE_INTERVAL_MS = 1000;

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

  /** Records that `docName` changed and now holds `bytes`. */
  markChanged(docName: string, bytes: number): void {
    const meta = this.meta.get(docName);
    if (meta) {
      meta.bytes = bytes;
      meta.changedAt = Date.now();
    } else {
      this.meta.set(docName, { bytes, changedAt: Date.now(), writtenAt: -Infinity });
    }
    this.stale.add(docName);
  }

  /** The rows due with the next batch: new documents', and those not written for a while. */
  takeDue(): BatchOp[] {
    const now = Date.now();
    const ops: BatchOp[] = [];
    for (const docName of this.stale) {
      const meta = this.meta.get(docName)!;
      if (now - meta.writtenAt < META_WRITE_INTERVAL_MS) continue;
      ops.push(metaOp(docName, meta));
      meta.writtenAt = now;
      this.stale.delete(docName);
    }
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
  return { bytes: meta.bytes, updatedAt: new Date(meta.changedAt).toISOString() };
}

function metaOp(docName: string, meta: MetaState): BatchOp {
  return { type: 'put', key: metaKey(docName), value: encoder.encode(JSON.stringify(storedMeta(meta))) };
}
