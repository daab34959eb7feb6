import type { DocInfo, VersionInfo } from '@quire/shared';

/**
 * The storage contract (SPEC: Guarantees, Cluster mode). Every store (LevelDB, Redis, and
 * any later one) follows it; `server/test/contracts/doc-store.contract.ts` checks it, so a
 * new store plugs in by running that suite. Rooms, the registry and the document service
 * depend on this interface only.
 *
 * A store keeps per-instance bookkeeping (the log size, where writes go next) for the
 * documents this instance has loaded: from `load` until `release` or `deleteDoc`. `append`,
 * `compact` and `logSize` need it; on a document this instance has not loaded they fail
 * (rejected promise, or a throw from `logSize`) with a plain Error: that is a bug in the
 * caller, never a reason to guess. Every other method works whether or not the document
 * is loaded. Failed reads and writes reject with `StorageError`; a failure never becomes
 * an empty value.
 */
export interface DocStore {
  /**
   * Every stored update of `docName`, oldest first; empty for a new document. Starts (or
   * restarts from what is stored) this instance's bookkeeping of the document, so callers
   * load a document only while none of their writes to it is pending.
   */
  load(docName: string): Promise<Uint8Array[]>;
  /**
   * Adds `update` to the log of a loaded document. Resolves once the update is stored well
   * enough that a crash of this process (`kill -9`) cannot lose it: written to LevelDB (the
   * operating system holds it), acknowledged by Redis. Only then may callers relay it; a
   * rejected promise means it is not stored. Appends of one document are stored in call
   * order. A store with a `sync` step is durable against a machine crash only after it.
   * `relayedDeletions`: when this instance relayed `update` with only some of its deletions
   * (issue #19), those, as an update without structs; a store whose other instances relay
   * what it stores (cluster mode) keeps them beside it for them, others ignore them.
   */
  append(docName: string, update: Uint8Array, relayedDeletions?: Uint8Array): Promise<void>;
  /**
   * Optional, for relaying without a wait: calls `listener` synchronously as soon as the
   * `append` that returned `written` is stored as its promise says (true) or failed (false),
   * before the promise settles, so the caller can relay it in the same turn as the write.
   * A store may gather the appends of a whole turn of the event loop into one write; with
   * `soon` it writes them at the end of the current task instead. Returns false (and never
   * calls it) when it cannot, e.g. for a refused append: then wait for the promise.
   */
  afterAppend?(written: Promise<void>, listener: (isWritten: boolean) => void, soon?: boolean): boolean;
  /**
   * The second step of durability (SPEC: Guarantees): resolves once everything this store
   * had written when it was called (every settled `append` and `compact`) is synced to disk,
   * so it survives a crash of the whole machine. Group-committed: one sync carries every
   * call made while the previous one ran, and syncs start at most every commit interval.
   * Rejects with `StorageError` if the sync failed. Stores whose writes are as durable as
   * they get once they resolve (Redis) leave it out: callers then treat a resolved write as
   * synced.
   */
  sync?(): Promise<void>;
  /**
   * Atomically replaces the entries `state` covers by `state`. `state` must hold everything
   * this instance loaded, appended or received of the document so far; appends made while
   * the compaction runs are kept. A later load always merges to the same document as
   * before: a crash or failure leaves either the old log or the new one. Compacting right
   * after a load with the loaded content leaves a log of one entry (`logSize` counts 1).
   * Otherwise a store may keep entries it cannot prove `state` covers, or skip the
   * compaction when another instance compacted further meanwhile (Redis).
   */
  compact(docName: string, state: Uint8Array): Promise<void>;
  /** Size of a loaded document's log as this instance knows it; throws if it is not loaded. */
  logSize(docName: string): LogSize;
  /** Ends this instance's bookkeeping of `docName` (the room unloaded). Idempotent. */
  release(docName: string): void;
  /** Every stored document with its size in bytes and last change, in no promised order. */
  list(): Promise<DocInfo[]>;
  /** Whether `docName` is stored (or loaded here and about to be). */
  exists(docName: string): Promise<boolean>;
  /**
   * Claims the right to write a new document's initial content. Of the callers that claim
   * `docName` at the same time, on any instance sharing the storage, exactly one gets true.
   * A claim lapses when the document is deleted, and at the latest when the claimant can no
   * longer be seeding (LevelDB: it released the document; Redis: after a few seconds), so a
   * seed that never got stored is written by a later load.
   */
  claimNew(docName: string): Promise<boolean>;
  /**
   * Removes the document, its log, its versions and its files in one atomic batch, and records
   * `deletedClocks` (the encoded state vector of everything deletions of this name have
   * removed, this one included) in the same batch. Ends the bookkeeping like `release`.
   */
  deleteDoc(docName: string, deletedClocks: Uint8Array): Promise<void>;
  /** What `deleteDoc` last recorded for `docName`; undefined if it was never deleted. */
  deletedClocks(docName: string): Promise<Uint8Array | undefined>;
  /** Stores a version (its metadata and Yjs state) atomically; the same id replaces it. */
  putVersion(docName: string, version: VersionInfo, state: Uint8Array): Promise<void>;
  /** Versions of `docName`, ordered by id (ids sort by creation time: oldest first). */
  listVersions(docName: string): Promise<VersionInfo[]>;
  /** A version and its state; undefined if there is no such version. */
  getVersion(docName: string, versionId: string): Promise<{ info: VersionInfo; state: Uint8Array } | undefined>;
  /**
   * Stores an uploaded file of `docName` (SPEC: Files (images)) with its metadata, atomically.
   * Files are addressed by content (`info.id` is the sha256 of `bytes`), so storing the same
   * id again only replaces the metadata (a newer `storedAt`).
   */
  putFile(docName: string, info: FileInfo, bytes: Uint8Array): Promise<void>;
  /** A file and its metadata; undefined if `docName` has no file `id`. */
  getFile(docName: string, id: string): Promise<StoredFile | undefined>;
  /** The metadata of every file of `docName`, ordered by id. */
  listFiles(docName: string): Promise<FileInfo[]>;
  /** Removes these files of `docName` (unknown ids are ignored) in one atomic batch. */
  deleteFiles(docName: string, ids: readonly string[]): Promise<void>;
  /** Waits for pending writes, then lets go of the storage. */
  close(): Promise<void>;
}

/** What a store keeps about an uploaded file besides its bytes. */
export interface FileInfo {
  /** sha256 of the bytes, lower-case hex. */
  id: string;
  /** The sniffed media type (image/png, image/jpeg, image/gif, image/webp). */
  type: string;
  /** Bytes. */
  size: number;
  /** When it was last uploaded (ms since the epoch, the server's clock). */
  storedAt: number;
}

export interface StoredFile {
  info: FileInfo;
  bytes: Uint8Array;
}

/** Size of a document's stored log, used to decide when to compact it. */
export interface LogSize {
  /** Entries in the log (1 right after a compaction). */
  count: number;
  /** Bytes of all entries. */
  bytes: number;
  /** Bytes of the oldest entry (the compacted state after a compaction). */
  baseBytes: number;
}

/** Hooks for metrics, given to every store: batches written and compactions done. */
export interface StoreObserver {
  onBatch(operations: number, seconds: number): void;
  /** A group-committed sync to disk finished (stores with a `sync` step). */
  onSync?(seconds: number): void;
  onCompact(): void;
  /** Reclaiming disk space after a compaction failed; nothing is lost, only space. */
  onReclaimFailed?(err: unknown): void;
  /** Saving an unloaded document's size and change time failed; its content is safe. */
  onMetaWriteFailed?(err: unknown): void;
}

export const NO_OBSERVER: StoreObserver = { onBatch: () => undefined, onCompact: () => undefined };

/** The error for `append`, `compact` or `logSize` on a document this instance has not loaded. */
export function notLoaded(docName: string): Error {
  return new Error(`document "${docName}" is not loaded on this instance`);
}
