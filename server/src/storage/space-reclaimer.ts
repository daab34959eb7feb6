import { prefixEnd, updatePrefix } from './keys.js';

/**
 * Deleted entries stay in LevelDB's files (as tombstones) until its own compaction reaches
 * them, so disk use and the next load's scan would keep growing with every keystroke ever
 * made. When a document is unloaded, or has left many deleted entries behind, LevelDB is
 * asked to compact the document's key range, in the background and one document at a
 * time. A failure costs only space, so it is reported and not thrown.
 */
export const RECLAIM_AFTER_TOMBSTONES = 20_000;

export interface RangeCompactor {
  compactRange(start: string, end: string): Promise<void>;
}

export class SpaceReclaimer {
  private reclaiming: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: RangeCompactor,
    private readonly onFailed: (err: unknown) => void,
  ) {}

  /** Queues reclaiming `docName`'s deleted entries. */
  reclaim(docName: string): void {
    const prefix = updatePrefix(docName);
    this.reclaiming = this.reclaiming
      .then(() => this.db.compactRange(prefix, prefixEnd(prefix)))
      .catch((err: unknown) => this.onFailed(err));
  }

  /** Resolves once everything queued so far is done (never rejects). */
  drain(): Promise<void> {
    return this.reclaiming;
  }
}
