import type { DocInfo, VersionInfo } from '@quire/shared';

/** Size of a document's stored log, used to decide when to compact it. */
export interface LogSize {
  /** Entries in the log (1 right after a compaction). */
  count: number;
  /** Bytes of all entries. */
  bytes: number;
  /** Bytes of the oldest entry (the compacted state after a compaction). */
  baseBytes: number;
}

/**
 * Where documents live between loads. `append` resolves only once the update is durably
 * on disk (synced); a rejected promise means it is not, and callers must not relay it.
 */
export interface DocStore {
  /** Every stored update of `docName`, oldest first; empty for a new document. */
  load(docName: string): Promise<Uint8Array[]>;
  append(docName: string, update: Uint8Array): Promise<void>;
  /** Atomically replaces everything stored for `docName` so far by `state`. */
  compact(docName: string, state: Uint8Array): Promise<void>;
  logSize(docName: string): LogSize;
  /** Forgets in-memory bookkeeping for an unloaded document. */
  release(docName: string): void;
  list(): Promise<DocInfo[]>;
  exists(docName: string): Promise<boolean>;
  /**
   * Claims the right to write a new document's initial content. True for exactly one
   * caller per document, however many instances load it at once.
   */
  claimNew(docName: string): Promise<boolean>;
  /**
   * Removes the document, its log and its versions in one atomic batch, and records
   * `deletedClocks` (the encoded state vector of everything deletions of this name have
   * removed, this one included) in the same batch.
   */
  deleteDoc(docName: string, deletedClocks: Uint8Array): Promise<void>;
  /** What `deleteDoc` last recorded for `docName`; undefined if it was never deleted. */
  deletedClocks(docName: string): Promise<Uint8Array | undefined>;
  putVersion(docName: string, version: VersionInfo, state: Uint8Array): Promise<void>;
  /** Versions of `docName`, oldest first. */
  listVersions(docName: string): Promise<VersionInfo[]>;
  getVersion(docName: string, versionId: string): Promise<{ info: VersionInfo; state: Uint8Array } | undefined>;
  close(): Promise<void>;
}

/** Hooks every store calls for metrics and logs: batches written, compactions done, failures that lose nothing. */
export interface StoreObserver {
  onBatch(operations: number, seconds: number): void;
  onCompact(): void;
  /** Reclaiming disk space after a compaction failed; nothing is lost, only space. */
  onReclaimFailed?(err: unknown): void;
  /** Saving an unloaded document's size and change time failed; its content is safe. */
  onMetaWriteFailed?(err: unknown): void;
}
