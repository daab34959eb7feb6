import { Level } from 'level';
import type { DocInfo, VersionInfo } from '@quire/shared';
import { StorageError } from '../errors.js';
import type { DocStore, LogSize, StoreObserver } from './doc-store.js';
import { GroupCommitter, type BatchOp } from './group-commit.js';
import {
  META_PREFIX,
  deletedKey,
  docNameFromMetaKey,
  metaKey,
  prefixEnd,
  seqFromUpdateKey,
  updateKey,
  updatePrefix,
  versionMetaKey,
  versionMetaPrefix,
  versionStateKey,
} from './keys.js';

/**
 * The LevelDB store (SPEC: Guarantees). Each document is an append-only log of Yjs
 * updates; compaction replaces the whole log by one state in a single atomic batch.
 * Every batch is written with `sync: true`, so a resolved append survives `kill -9`.
 * This is the only module that imports `level`.
 */
interface DocLog extends LogSize {
  /** Lowest sequence number still stored. */
  firstSeq: number;
  nextSeq: number;
  /** Entries deleted by compactions since LevelDB last reclaimed their space. */
  tombstones: number;
}

/** Deleted entries a document may leave behind before their space is reclaimed early. */
const RECLAIM_AFTER_TOMBSTONES = 20_000;

const NO_OBSERVER: StoreObserver = { onBatch: () => undefined, onCompact: () => undefined };

interface StoredMeta {
  bytes: number;
  updatedAt: string;
}

/** A loaded document's size and change time, and when its row was last written. */
interface MetaState {
  bytes: number;
  changedAt: number;
  writtenAt: number;
}

/**
 * While a document is being edited its metadata row (size, change time: what the document
 * list shows) is rewritten at most this often; in between, `list` reads the live values.
 * A new document's row goes out with its first write, and an unloaded one's at once.
 */
const META_WRITE_INTERVAL_MS = 1000;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class LevelStore implements DocStore {
  private readonly logs = new Map<string, DocLog>();
  private readonly committer: GroupCommitter;
  private reclaiming: Promise<void> = Promise.resolve();
  /** Metadata of the documents written since they were loaded. */
  private readonly meta = new Map<string, MetaState>();
  /** Documents whose metadata row is behind. */
  private readonly staleMeta = new Set<string>();

  private constructor(
    private readonly db: Level<string, Uint8Array>,
    private readonly observer: StoreObserver,
    commitIntervalMs: number,
  ) {
    this.committer = new GroupCommitter(
      async (ops) => {
        try {
          // A chained batch costs far less per operation than `db.batch(array)`.
          const batch = this.db.batch();
          for (const op of [...ops, ...this.takeMetaOps()]) {
            if (op.type === 'put') batch.put(op.key, op.value);
            else batch.del(op.key);
          }
          await batch.write({ sync: true });
        } catch (err) {
          throw new StorageError('LevelDB batch write failed', { cause: err });
        }
      },
      observer.onBatch,
      commitIntervalMs,
    );
  }

  /**
   * Under load, synced batches start at least `commitIntervalMs` apart (see GroupCommitter),
   * so each fsync carries that long's worth of updates (`--commit-interval-ms`).
   */
  static async open(dir: string, observer: StoreObserver = NO_OBSERVER, commitIntervalMs = 0): Promise<LevelStore> {
    const db = new Level<string, Uint8Array>(dir, { keyEncoding: 'utf8', valueEncoding: 'view' });
    try {
      await db.open();
    } catch (err) {
      throw new StorageError(`cannot open LevelDB at ${dir}`, { cause: err });
    }
    return new LevelStore(db, observer, commitIntervalMs);
  }

  async load(docName: string): Promise<Uint8Array[]> {
    const prefix = updatePrefix(docName);
    const updates: Uint8Array[] = [];
    const log: DocLog = { firstSeq: 0, nextSeq: 0, count: 0, bytes: 0, baseBytes: 0, tombstones: 0 };
    try {
      for await (const [key, value] of this.db.iterator({ gte: prefix, lt: prefixEnd(prefix) })) {
        const seq = seqFromUpdateKey(key);
        if (updates.length === 0) {
          log.firstSeq = seq;
          log.baseBytes = value.byteLength;
        }
        log.nextSeq = seq + 1;
        log.bytes += value.byteLength;
        updates.push(value);
      }
    } catch (err) {
      throw new StorageError(`cannot read document "${docName}"`, { cause: err });
    }
    log.count = updates.length;
    this.logs.set(docName, log);
    return updates;
  }

  append(docName: string, update: Uint8Array): Promise<void> {
    const log = this.logOf(docName);
    if (log.count === 0) log.baseBytes = update.byteLength;
    log.count += 1;
    log.bytes += update.byteLength;
    const seq = log.nextSeq++;
    this.markChanged(docName, log.bytes);
    return this.committer.write([{ type: 'put', key: updateKey(docName, seq), value: update }]);
  }

  compact(docName: string, state: Uint8Array): Promise<void> {
    const log = this.logOf(docName);
    const seq = log.nextSeq++;
    const ops: BatchOp[] = [{ type: 'put', key: updateKey(docName, seq), value: state }];
    for (let old = log.firstSeq; old < seq; old++) {
      ops.push({ type: 'del', key: updateKey(docName, old) });
    }
    log.tombstones += seq - log.firstSeq;
    log.firstSeq = seq;
    log.count = 1;
    log.bytes = state.byteLength;
    log.baseBytes = state.byteLength;
    this.markChanged(docName, log.bytes);
    return this.committer.write(ops).then(() => {
      this.observer.onCompact();
      if (log.tombstones >= RECLAIM_AFTER_TOMBSTONES) this.reclaim(docName, log);
    });
  }

  /**
   * Deleted entries stay in LevelDB's files (as tombstones) until its own compaction
   * reaches them, so disk use and the next load's scan would keep growing with every
   * keystroke ever made. When a document is unloaded, or has left many deleted entries
   * behind, LevelDB is asked to compact its key range, in the background and one document
   * at a time.
   */
  private reclaim(docName: string, log: DocLog): void {
    log.tombstones = 0;
    const prefix = updatePrefix(docName);
    const db = this.db as unknown as { compactRange(start: string, end: string): Promise<void> };
    this.reclaiming = this.reclaiming
      .then(() => db.compactRange(prefix, prefixEnd(prefix)))
      .catch((err: unknown) => this.observer.onReclaimFailed?.(err));
  }

  logSize(docName: string): LogSize {
    const { count, bytes, baseBytes } = this.logOf(docName);
    return { count, bytes, baseBytes };
  }

  release(docName: string): void {
    const log = this.logs.get(docName);
    if (log && log.tombstones > 0) this.reclaim(docName, log);
    this.logs.delete(docName);
    this.saveStaleMeta(docName);
    this.meta.delete(docName);
  }

  /** Queues the document's metadata row now if it is behind (unload, close). */
  private saveStaleMeta(docName: string): void {
    const meta = this.meta.get(docName);
    if (!meta || !this.staleMeta.delete(docName)) return;
    this.committer.write([metaOp(docName, meta)]).catch((err: unknown) => this.observer.onMetaWriteFailed?.(err));
  }

  async list(): Promise<DocInfo[]> {
    const docs: DocInfo[] = [];
    try {
      for await (const [key, value] of this.db.iterator({
        gte: META_PREFIX,
        lt: prefixEnd(META_PREFIX),
      })) {
        const name = docNameFromMetaKey(key);
        const live = this.staleMeta.has(name) ? this.meta.get(name) : undefined;
        const meta = live ? storedMeta(live) : (JSON.parse(decoder.decode(value)) as StoredMeta);
        docs.push({ name, size: meta.bytes, updatedAt: meta.updatedAt });
      }
    } catch (err) {
      throw new StorageError('cannot list documents', { cause: err });
    }
    return docs;
  }

  async exists(docName: string): Promise<boolean> {
    if (this.logs.has(docName)) return true;
    try {
      return (await this.db.get(metaKey(docName))) !== undefined;
    } catch (err) {
      throw new StorageError(`cannot read document "${docName}"`, { cause: err });
    }
  }

  /** One process owns a LevelDB folder, and the registry loads each document once. */
  claimNew(): Promise<boolean> {
    return Promise.resolve(true);
  }

  async deleteDoc(docName: string, deletedClocks: Uint8Array): Promise<void> {
    this.meta.delete(docName);
    this.staleMeta.delete(docName);
    const ops: BatchOp[] = [
      { type: 'del', key: metaKey(docName) },
      { type: 'put', key: deletedKey(docName), value: deletedClocks },
    ];
    const updates = updatePrefix(docName);
    try {
      for await (const key of this.db.keys({ gte: updates, lt: prefixEnd(updates) })) ops.push({ type: 'del', key });
    } catch (err) {
      throw new StorageError(`cannot read document "${docName}"`, { cause: err });
    }
    for (const version of await this.listVersions(docName)) {
      ops.push({ type: 'del', key: versionMetaKey(docName, version.id) });
      ops.push({ type: 'del', key: versionStateKey(docName, version.id) });
    }
    this.logs.delete(docName);
    await this.committer.write(ops);
  }

  async deletedClocks(docName: string): Promise<Uint8Array | undefined> {
    try {
      return await this.db.get(deletedKey(docName));
    } catch (err) {
      throw new StorageError(`cannot read document "${docName}"`, { cause: err });
    }
  }

  putVersion(docName: string, version: VersionInfo, state: Uint8Array): Promise<void> {
    return this.committer.write([
      { type: 'put', key: versionStateKey(docName, version.id), value: state },
      { type: 'put', key: versionMetaKey(docName, version.id), value: encoder.encode(JSON.stringify(version)) },
    ]);
  }

  async listVersions(docName: string): Promise<VersionInfo[]> {
    const prefix = versionMetaPrefix(docName);
    const versions: VersionInfo[] = [];
    try {
      for await (const value of this.db.values({ gte: prefix, lt: prefixEnd(prefix) })) {
        versions.push(JSON.parse(decoder.decode(value)) as VersionInfo);
      }
    } catch (err) {
      throw new StorageError(`cannot list versions of "${docName}"`, { cause: err });
    }
    return versions;
  }

  async getVersion(docName: string, versionId: string): Promise<{ info: VersionInfo; state: Uint8Array } | undefined> {
    try {
      const [meta, state] = await this.db.getMany([
        versionMetaKey(docName, versionId),
        versionStateKey(docName, versionId),
      ]);
      if (meta === undefined || state === undefined) return undefined;
      return { info: JSON.parse(decoder.decode(meta)) as VersionInfo, state };
    } catch (err) {
      throw new StorageError(`cannot read version "${versionId}" of "${docName}"`, { cause: err });
    }
  }

  async close(): Promise<void> {
    for (const docName of [...this.staleMeta]) this.saveStaleMeta(docName);
    await this.committer.drain();
    await this.reclaiming;
    await this.db.close();
  }

  private logOf(docName: string): DocLog {
    const log = this.logs.get(docName);
    if (!log) throw new Error(`document "${docName}" was written before it was loaded`);
    return log;
  }

  private markChanged(docName: string, bytes: number): void {
    const meta = this.meta.get(docName);
    if (meta) {
      meta.bytes = bytes;
      meta.changedAt = Date.now();
    } else {
      this.meta.set(docName, { bytes, changedAt: Date.now(), writtenAt: -Infinity });
    }
    this.staleMeta.add(docName);
  }

  /** The metadata rows due with this batch: new documents', and those not written for a while. */
  private takeMetaOps(): BatchOp[] {
    const now = Date.now();
    const ops: BatchOp[] = [];
    for (const docName of this.staleMeta) {
      const meta = this.meta.get(docName)!;
      if (now - meta.writtenAt < META_WRITE_INTERVAL_MS) continue;
      ops.push(metaOp(docName, meta));
      meta.writtenAt = now;
      this.staleMeta.delete(docName);
    }
    return ops;
  }
}

function storedMeta(meta: MetaState): StoredMeta {
  return { bytes: meta.bytes, updatedAt: new Date(meta.changedAt).toISOString() };
}

function metaOp(docName: string, meta: MetaState): BatchOp {
  return { type: 'put', key: metaKey(docName), value: encoder.encode(JSON.stringify(storedMeta(meta))) };
}
