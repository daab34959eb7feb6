import { Level } from 'level';
import type { DocInfo, VersionInfo } from '@quire/shared';
import { StorageError } from '../errors.js';
import {
  NO_OBSERVER,
  notLoaded,
  type DocStore,
  type FileInfo,
  type LogSize,
  type StoredFile,
  type StoreObserver,
} from './doc-store.js';
import { deleteFileOps, putFileOps, readFile, readFileInfos } from './level-files.js';
import type { BatchOp } from './group-commit.js';
import {
  DELETED_PREFIX,
  META_PREFIX,
  deletedKey,
  docNameFromMetaKey,
  metaKey,
  prefixEnd,
  seqFromUpdateKey,
  updateKey,
  updatePrefix,
} from './keys.js';
import { LevelLogs, type StoredEntry } from './level-logs.js';
import { DirectWriter, type LevelWriter, type WriterDeps } from './level-writer.js';
import { LoggedWriter } from './relay-log-writer.js';
import { deleteVersionOps, putVersionOps, readVersion, readVersions } from './level-versions.js';
import { MetaRows } from './meta-rows.js';
import { LevelOutbox } from './level-outbox.js';
import { RECLAIM_AFTER_TOMBSTONES, SpaceReclaimer, type RangeCompactor } from './space-reclaimer.js';

/**
 * The LevelDB store (SPEC: Guarantees), following the DocStore contract. Each document is an append-only log of
 * Yjs updates; compaction replaces the whole log by one state in a single atomic batch. Durability comes in two
 * steps: a resolved append is written (the operating system holds it, so it survives `kill -9`), and `sync`
 * (group-committed) then puts everything written on disk. How batches get there is the writer's business
 * (level-writer.ts: straight into LevelDB, or through the relay log first); reads wait until LevelDB has caught
 * up with the writes before them. Deletions and versions resolve only once synced. One process owns the folder.
 * The log bookkeeping, the metadata rows, versions and space reclaim live in their own modules; this one turns
 * them into batches. This module and level-versions.ts are the only ones that touch `level`.
 */
export class LevelStore implements DocStore {
  private readonly logs = new LevelLogs();
  private readonly meta = new MetaRows();
  private writer!: LevelWriter;
  private readonly reclaimer: SpaceReclaimer;
  /** Documents whose seed is claimed, until released or deleted. */
  private readonly claims = new Set<string>();

  private constructor(
    private readonly db: Level<string, Uint8Array>,
    private readonly observer: StoreObserver,
  ) {
    this.reclaimer = new SpaceReclaimer(db as unknown as RangeCompactor, (err) => observer.onReclaimFailed?.(err));
  }

  /**
   * Under load, syncs start at least `commitIntervalMs` apart (see GroupCommitter), so each fsync carries that
   * long's worth of updates (`--commit-interval-ms`). With `relayLog`, writes go through the relay log
   * (relay-log-writer.ts), and what an earlier process left in it is replayed into LevelDB here.
   */
  static async open(
    dir: string,
    observer: StoreObserver = NO_OBSERVER,
    commitIntervalMs = 0,
    relayLog = false,
  ): Promise<LevelStore> {
    const db = new Level<string, Uint8Array>(dir, { keyEncoding: 'utf8', valueEncoding: 'view' });
    try {
      await db.open();
    } catch (err) {
      throw new StorageError(`cannot open LevelDB at ${dir}`, { cause: err });
    }
    const store = new LevelStore(db, observer);
    const apply = (ops: BatchOp[]): Promise<void> => store.writeBatch(ops);
    const deps: WriterDeps = { dir, apply, due: () => store.meta.takeDue(), observer, commitIntervalMs };
    try {
      store.writer = await (relayLog ? LoggedWriter.open(deps) : DirectWriter.open(deps));
    } catch (err) {
      await db.close();
      throw new StorageError(`cannot replay the relay log in ${dir}`, { cause: err });
    }
    return store;
  }

  async load(docName: string): Promise<Uint8Array[]> {
    const prefix = updatePrefix(docName);
    const updates: Uint8Array[] = [];
    const entries: StoredEntry[] = [];
    try {
      await this.writer.caughtUp();
      for await (const [key, value] of this.db.iterator({ gte: prefix, lt: prefixEnd(prefix) })) {
        entries.push({ seq: seqFromUpdateKey(key), bytes: value.byteLength });
        updates.push(value);
      }
    } catch (err) {
      throw new StorageError(`cannot read document "${docName}"`, { cause: err });
    }
    this.logs.start(docName, entries);
    return updates;
  }

  append(docName: string, update: Uint8Array): Promise<void> {
    if (!this.logs.isLoaded(docName)) return Promise.reject(notLoaded(docName));
    const { seq, total } = this.logs.append(docName, update.byteLength);
    this.meta.markChanged(docName, total);
    return this.writer.write([{ type: 'put', key: updateKey(docName, seq), value: update }]);
  }

  async compact(docName: string, state: Uint8Array): Promise<void> {
    if (!this.logs.isLoaded(docName)) throw notLoaded(docName);
    const { seq, retired } = this.logs.compact(docName, state.byteLength);
    const ops: BatchOp[] = [{ type: 'put', key: updateKey(docName, seq), value: state }];
    for (const old of retired) ops.push({ type: 'del', key: updateKey(docName, old) });
    this.meta.markChanged(docName, state.byteLength);
    await this.writer.write(ops);
    this.observer.onCompact();
    if (this.logs.tombstones(docName) >= RECLAIM_AFTER_TOMBSTONES) this.reclaim(docName);
  }

  /** See `DocStore.afterAppend` (the relay log calls it right after its synchronous write). */
  afterAppend(written: Promise<void>, listener: (isWritten: boolean) => void, soon = false): boolean {
    return this.writer.afterWrites?.(written, listener, soon) ?? false;
  }

  /** Resolves once everything written before the call is synced to disk (group-committed). */
  sync(): Promise<void> {
    return this.writer.sync();
  }

  logSize(docName: string): LogSize {
    return this.logs.size(docName);
  }

  release(docName: string): void {
    if (this.logs.tombstones(docName) > 0) this.reclaim(docName);
    this.logs.forget(docName);
    this.claims.delete(docName);
    const row = this.meta.takeStale(docName);
    if (row) this.writer.write([row]).catch((err: unknown) => this.observer.onMetaWriteFailed?.(err));
  }

  async list(): Promise<DocInfo[]> {
    const docs: DocInfo[] = [];
    try {
      await this.writer.caughtUp();
      for await (const [key, value] of this.db.iterator({ gte: META_PREFIX, lt: prefixEnd(META_PREFIX) })) {
        const name = docNameFromMetaKey(key);
        const meta = this.meta.listed(name, value);
        docs.push({ name, size: meta.bytes, updatedAt: meta.updatedAt });
      }
    } catch (err) {
      throw new StorageError('cannot list documents', { cause: err });
    }
    return docs;
  }

  async exists(docName: string): Promise<boolean> {
    if (this.logs.isLoaded(docName)) return true;
    try {
      await this.writer.caughtUp();
      return (await this.db.get(metaKey(docName))) !== undefined;
    } catch (err) {
      throw new StorageError(`cannot read document "${docName}"`, { cause: err });
    }
  }

  /** One process owns the folder, so a claim in memory is seen by every caller. */
  claimNew(docName: string): Promise<boolean> {
    if (this.claims.has(docName)) return Promise.resolve(false);
    this.claims.add(docName);
    return Promise.resolve(true);
  }

  async deleteDoc(docName: string, deletedClocks: Uint8Array): Promise<void> {
    this.meta.forget(docName);
    const ops: BatchOp[] = [
      { type: 'del', key: metaKey(docName) },
      { type: 'put', key: deletedKey(docName), value: deletedClocks },
    ];
    const updates = updatePrefix(docName);
    try {
      await this.writer.caughtUp();
      for await (const key of this.db.keys({ gte: updates, lt: prefixEnd(updates) })) ops.push({ type: 'del', key });
    } catch (err) {
      throw new StorageError(`cannot read document "${docName}"`, { cause: err });
    }
    ops.push(...deleteVersionOps(docName, await this.listVersions(docName)));
    const fileIds = (await this.listFiles(docName)).map((file) => file.id);
    ops.push(...deleteFileOps(docName, fileIds));
    this.logs.forget(docName);
    this.claims.delete(docName);
    await this.writer.write(ops);
    await this.sync();
  }

  async deletedClocks(docName: string): Promise<Uint8Array | undefined> {
    try {
      await this.writer.caughtUp();
      return await this.db.get(deletedKey(docName));
    } catch (err) {
      throw new StorageError(`cannot read document "${docName}"`, { cause: err });
    }
  }

  /** Every name with a deletion record (`quire migrate` copies them). */
  async deletedNames(): Promise<string[]> {
    const names: string[] = [];
    try {
      await this.writer.caughtUp();
      for await (const key of this.db.keys({ gte: DELETED_PREFIX, lt: prefixEnd(DELETED_PREFIX) })) {
        names.push(key.slice(DELETED_PREFIX.length));
      }
    } catch (err) {
      throw new StorageError('cannot list deletion records', { cause: err });
    }
    return names;
  }

  async putVersion(docName: string, version: VersionInfo, state: Uint8Array): Promise<void> {
    await this.writer.write(putVersionOps(docName, version, state));
    await this.sync();
  }

  async listVersions(docName: string): Promise<VersionInfo[]> {
    await this.caughtUp();
    return readVersions(this.db, docName);
  }

  async getVersion(docName: string, versionId: string): Promise<{ info: VersionInfo; state: Uint8Array } | undefined> {
    await this.caughtUp();
    return readVersion(this.db, docName, versionId);
  }

  /** The webhook outbox kept in this database, written through the same writer. */
  async openOutbox(): Promise<LevelOutbox> {
    await this.caughtUp();
    return LevelOutbox.open(this.db, (ops) => this.writer.write(ops));
  }

  /** Resolves once synced: the upload's answer says the file is kept. */
  async putFile(docName: string, info: FileInfo, bytes: Uint8Array): Promise<void> {
    await this.writer.write(putFileOps(docName, info, bytes));
    await this.sync();
  }

  async getFile(docName: string, id: string): Promise<StoredFile | undefined> {
    await this.caughtUp();
    return readFile(this.db, docName, id);
  }

  async listFiles(docName: string): Promise<FileInfo[]> {
    await this.caughtUp();
    return readFileInfos(this.db, docName);
  }

  deleteFiles(docName: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    return this.writer.write(deleteFileOps(docName, ids));
  }

  async close(): Promise<void> {
    const rows = this.meta.takeAllStale();
    if (rows.length > 0) this.writer.write(rows).catch((err: unknown) => this.observer.onMetaWriteFailed?.(err));
    await this.writer.close();
    await this.reclaimer.drain();
    await this.db.close();
  }

  private reclaim(docName: string): void {
    this.logs.resetTombstones(docName);
    this.reclaimer.reclaim(docName);
  }

  /** Waits until LevelDB holds every write made so far (a failure there is a failed read). */
  private async caughtUp(): Promise<void> {
    try {
      await this.writer.caughtUp();
    } catch (err) {
      throw new StorageError('cannot read: an earlier LevelDB write failed', { cause: err });
    }
  }

  /** Writes one batch into LevelDB (the writer adds the metadata rows that are due). */
  private async writeBatch(ops: BatchOp[]): Promise<void> {
    try {
      // A chained batch costs far less per operation than `db.batch(array)`.
      const batch = this.db.batch();
      for (const op of ops) {
        if (op.type === 'put') batch.put(op.key, op.value);
        else batch.del(op.key);
      }
      await batch.write({ sync: false });
    } catch (err) {
      throw new StorageError('LevelDB batch write failed', { cause: err });
    }
  }
}
