import type pg from 'pg';
import type { DocInfo, VersionInfo } from '@quire/shared';
import {
  notLoaded,
  type DocStore,
  type FileInfo,
  type LogSize,
  type StoredFile,
  type StoreObserver,
} from '../doc-store.js';
import { LevelLogs } from '../level-logs.js';
import { asBuffer, query } from './pg-connection.js';
import { PgOutbox } from './pg-outbox.js';
import { PgProbe } from './pg-probe.js';
import { openMigratedPool } from './schema.js';
import { deleteFileRows, listFileRows, putFileRow, readFileRow } from './pg-files.js';
import {
  deleteDocRows,
  hasDocRow,
  listDocRows,
  listVersionRows,
  putVersionRow,
  readDeletedClocks,
  readVersionRow,
} from './pg-records.js';
import { PgWriteQueue, type WriteQueueHooks } from './pg-write-queue.js';

/**
 * The Postgres store for one instance (SPEC: Cluster mode, `--postgres` without
 * `--redis`), following the DocStore contract. Each document is a log of rows in
 * `quire_updates` (plus, for a document last stored with Redis in front, a compacted state
 * in `quire_docs.state`); compaction replaces the log by one row in one transaction. An
 * append resolves once committed, which in Postgres is written and synced in one step;
 * appends of one event-loop turn share one INSERT (pg-write-queue.ts). One instance owns
 * the database, like a LevelDB folder, so sequence numbers and seed claims live here.
 */
export interface PgStoreHooks extends Pick<WriteQueueHooks, 'onUnreachable' | 'onReachable'> {
  observer: StoreObserver;
  /** An idle pooled connection broke (Postgres restarted, network); the pool replaces it. */
  onPoolError?(err: unknown): void;
}

/** How long `close` waits for writes stuck behind an outage before failing them. */
const CLOSE_WAIT_MS = 10_000;

/** The stored state (seq -1) and the log after it, oldest first, read in one statement. */
const LOAD_SQL = `
  SELECT -1::bigint AS seq, state AS data FROM quire_docs WHERE name = $1 AND state IS NOT NULL
  UNION ALL
  SELECT seq, data FROM quire_updates WHERE doc = $1
  ORDER BY seq`;

export class PgStore implements DocStore {
  private readonly logs = new LevelLogs();
  private readonly writes: PgWriteQueue;
  private readonly claims = new Set<string>();
  private readonly probe: PgProbe;

  constructor(
    private readonly pool: pg.Pool,
    private readonly hooks: PgStoreHooks,
  ) {
    this.writes = new PgWriteQueue(pool, { ...hooks, onBatch: hooks.observer.onBatch });
    this.probe = new PgProbe(pool);
  }

  /** Whether Postgres answers now (pg-probe.ts), for `/healthz`. */
  isReachable(): Promise<boolean> {
    return this.probe.check();
  }

  /** What the last check found, checking again in the background (pg-probe.ts). */
  sampleReachable(): boolean {
    return this.probe.sample();
  }

  /** Connects, creates or migrates the schema, and returns the store. */
  static async open(url: string, hooks: PgStoreHooks): Promise<PgStore> {
    return new PgStore(await openMigratedPool(url, (err) => hooks.onPoolError?.(err)), hooks);
  }

  async load(docName: string): Promise<Uint8Array[]> {
    const rows = await query<{ seq: string; data: Buffer }>(
      this.pool,
      LOAD_SQL,
      [docName],
      `cannot read document "${docName}"`,
    );
    this.logs.start(
      docName,
      rows.map((row) => ({ seq: Number(row.seq), bytes: row.data.byteLength })),
    );
    return rows.map((row) => new Uint8Array(row.data));
  }

  append(docName: string, update: Uint8Array): Promise<void> {
    if (!this.logs.isLoaded(docName)) return Promise.reject(notLoaded(docName));
    const { seq, total } = this.logs.append(docName, update.byteLength);
    return this.writes.append({ doc: docName, seq, data: update, docBytes: total });
  }

  async compact(docName: string, state: Uint8Array): Promise<void> {
    if (!this.logs.isLoaded(docName)) throw notLoaded(docName);
    const { seq } = this.logs.compact(docName, state.byteLength);
    this.logs.resetTombstones(docName);
    await this.writes.transaction(`cannot compact "${docName}"`, async (client) => {
      const what = `cannot compact "${docName}"`;
      await query(
        client,
        'INSERT INTO quire_updates (doc, seq, data) VALUES ($1, $2, $3) ON CONFLICT (doc, seq) DO UPDATE SET data = EXCLUDED.data',
        [docName, seq, asBuffer(state)],
        what,
      );
      await query(client, 'DELETE FROM quire_updates WHERE doc = $1 AND seq < $2', [docName, seq], what);
      await query(
        client,
        `INSERT INTO quire_docs (name, bytes) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET state = NULL, bytes = EXCLUDED.bytes, updated_at = now()`,
        [docName, state.byteLength],
        what,
      );
    });
    this.hooks.observer.onCompact();
  }

  logSize(docName: string): LogSize {
    return this.logs.size(docName);
  }

  release(docName: string): void {
    this.logs.forget(docName);
    this.claims.delete(docName);
  }

  list(): Promise<DocInfo[]> {
    return listDocRows(this.pool);
  }

  async exists(docName: string): Promise<boolean> {
    return this.logs.isLoaded(docName) || (await hasDocRow(this.pool, docName));
  }

  /** One instance owns the database, so a claim in memory is seen by every caller. */
  claimNew(docName: string): Promise<boolean> {
    if (this.claims.has(docName)) return Promise.resolve(false);
    this.claims.add(docName);
    return Promise.resolve(true);
  }

  async deleteDoc(docName: string, deletedClocks: Uint8Array): Promise<void> {
    this.logs.forget(docName);
    this.claims.delete(docName);
    await this.writes.transaction(`cannot delete "${docName}"`, (client) =>
      deleteDocRows(client, docName, deletedClocks),
    );
  }

  deletedClocks(docName: string): Promise<Uint8Array | undefined> {
    return readDeletedClocks(this.pool, docName);
  }

  putVersion(docName: string, version: VersionInfo, state: Uint8Array): Promise<void> {
    return this.writes.transaction(`cannot save a version of "${docName}"`, (client) =>
      putVersionRow(client, docName, version, state),
    );
  }

  listVersions(docName: string): Promise<VersionInfo[]> {
    return listVersionRows(this.pool, docName);
  }

  getVersion(docName: string, versionId: string): Promise<{ info: VersionInfo; state: Uint8Array } | undefined> {
    return readVersionRow(this.pool, docName, versionId);
  }

  putFile(docName: string, info: FileInfo, bytes: Uint8Array): Promise<void> {
    return this.writes.transaction(`cannot store a file of "${docName}"`, (client) =>
      putFileRow(client, docName, info, bytes),
    );
  }

  getFile(docName: string, id: string): Promise<StoredFile | undefined> {
    return readFileRow(this.pool, docName, id);
  }

  listFiles(docName: string): Promise<FileInfo[]> {
    return listFileRows(this.pool, docName);
  }

  deleteFiles(docName: string, ids: readonly string[]): Promise<void> {
    return this.writes.transaction(`cannot delete files of "${docName}"`, (client) =>
      deleteFileRows(client, docName, ids),
    );
  }

  /** The webhook outbox in the same database (pg-outbox.ts); closed with the store. */
  openOutbox(): Promise<PgOutbox> {
    return Promise.resolve(new PgOutbox(this.pool));
  }

  /**
   * The server is stopping: writes waiting for Postgres to come back get CLOSE_WAIT_MS
   * more, then fail (their clients still hold the edits and resend them later).
   */
  beginClose(): void {
    setTimeout(() => this.writes.close(), CLOSE_WAIT_MS).unref();
  }

  /** Waits for pending writes (see `beginClose`), then closes the pool. */
  async close(): Promise<void> {
    this.beginClose();
    await this.writes.drain();
    this.writes.close();
    await this.pool.end().catch(() => undefined);
  }
}
