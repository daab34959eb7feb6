import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { DocInfo, VersionInfo } from '@quire/shared';
import {
  notLoaded,
  type DocStore,
  type FileInfo,
  type LogSize,
  type StoredFile,
  type StoreObserver,
} from '../storage/doc-store.js';
import { deleteFileRows, listFileRows, putFileRow, readFileRow } from '../storage/postgres/pg-files.js';
import { inTransaction } from '../storage/postgres/pg-connection.js';
import {
  deleteDocRows,
  hasDocRow,
  listDocRows,
  listVersionRows,
  putVersionRow,
  readDeletedClocks,
  readVersionRow,
} from '../storage/postgres/pg-records.js';
import { foldIntoState, readState } from '../storage/postgres/pg-state.js';
import type { Offloader } from './offloader.js';
import { execMulti, guarded } from './redis-commands.js';
import {
  ACTIVE_DOCS,
  DOCS_INDEX,
  DOC_SIZES,
  docKeys,
  entryFields,
  fieldOf,
  isAfter,
  nextStreamId,
} from './redis-keys.js';

/**
 * The store of cluster mode with Postgres as the system of record (SPEC: Cluster mode,
 * `--redis` with `--postgres`), following the DocStore contract. A document is its
 * compacted state in Postgres plus a Redis stream of the updates after it: appends are
 * XADDs (relayed once Redis has them), loads read the stream and then Postgres (so a move
 * to Postgres in between is seen in one or the other), and compaction folds the state into
 * Postgres. A loading instance first announces itself as a holder of the document, so an
 * idle document is moved out of Redis (offloader.ts) only when nobody holds it. Versions,
 * deletion records and the document list live in Postgres; the list adds what Redis knows
 * of documents in use.
 */
interface DocLog extends LogSize {
  /** Last stream id this instance has loaded or received. */
  position: string;
}

type StreamEntries = [Buffer, Buffer[]][];

/** Long enough for the claimant to store its seed; short enough that a crashed one is replaced. */
const SEED_CLAIM_MS = 10_000;
/** Compaction keeps this much of the stream, so an instance reading a little behind misses nothing. */
const TRIM_MARGIN_MS = 60_000;

export class RedisPgStore implements DocStore {
  private readonly logs = new Map<string, DocLog>();
  /** Moves to Postgres started by `release`, awaited by `close`. */
  private readonly moving = new Set<Promise<void>>();

  constructor(
    private readonly redis: Redis,
    private readonly pool: pg.Pool,
    private readonly instanceId: string,
    private readonly offloader: Offloader,
    private readonly observer: StoreObserver,
    private readonly logger: Logger,
  ) {}

  async load(docName: string): Promise<Uint8Array[]> {
    await this.announce([docName]);
    const tail = await this.readTail(docName);
    const stored = await readState(this.pool, docName);
    const fresh = tail.filter((entry) => isAfter(entry.id, stored.streamUpto)).map((entry) => entry.update);
    const updates = [...stored.updates, ...fresh];
    this.logs.set(docName, {
      count: updates.length,
      bytes: updates.reduce((sum, update) => sum + update.byteLength, 0),
      baseBytes: updates[0]?.byteLength ?? 0,
      position: tail.at(-1)?.id ?? '0-0',
    });
    return updates;
  }

  /** Documents loaded here (the sweeper renews their heartbeats). */
  loadedDocs(): string[] {
    return [...this.logs.keys()];
  }

  isLoaded(docName: string): boolean {
    return this.logs.has(docName);
  }

  /** Marks `docNames` as held by this instance now, so none of them is moved out of Redis. */
  async announce(docNames: string[]): Promise<void> {
    if (docNames.length === 0) return;
    const now = Date.now();
    const multi = this.redis.multi();
    for (const docName of docNames) {
      multi.zadd(docKeys(docName).holders, now, this.instanceId).zadd(ACTIVE_DOCS, 'GT', now, docName);
    }
    await execMulti(multi, 'cannot announce documents held here');
  }

  /** Where the fan-out should start reading `docName`'s stream. */
  positionOf(docName: string): string {
    return this.logs.get(docName)?.position ?? '0-0';
  }

  /** See RedisStore.advance: the stream was read up to `id`; `bytes` from other instances. */
  advance(docName: string, id: string, bytes: number): void {
    const log = this.logs.get(docName);
    if (!log) return;
    log.position = id;
    if (bytes > 0) count(log, bytes);
  }

  async append(docName: string, update: Uint8Array, relayedDeletions?: Uint8Array): Promise<void> {
    count(this.logOf(docName), update.byteLength);
    const started = performance.now();
    const now = Date.now();
    await execMulti(
      this.redis
        .multi()
        .xadd(docKeys(docName).log, '*', ...entryFields(update, this.instanceId, relayedDeletions))
        .zadd(DOCS_INDEX, now, docName)
        .zadd(ACTIVE_DOCS, 'GT', now, docName)
        .hincrby(DOC_SIZES, docName, update.byteLength),
      `cannot append to "${docName}"`,
    );
    this.observer.onBatch(4, (performance.now() - started) / 1000);
  }

  /**
   * Folds `state` (everything up to the stream position this instance has read) into
   * Postgres, then trims the stream up to that position, keeping its last minute for
   * instances reading a little behind. Appends made meanwhile come after the position.
   */
  async compact(docName: string, state: Uint8Array): Promise<void> {
    const { position } = this.logOf(docName);
    await foldIntoState(this.pool, docName, [{ id: position, update: state }], new Date());
    const keepFrom = minId(nextStreamId(position), `${Date.now() - TRIM_MARGIN_MS}-0`);
    await execMulti(
      this.redis.multi().xtrim(docKeys(docName).log, 'MINID', keepFrom).hset(DOC_SIZES, docName, 0),
      `cannot trim "${docName}"`,
    );
    this.observer.onCompact();
    const log = this.logs.get(docName);
    if (log) Object.assign(log, { count: 1, bytes: state.byteLength, baseBytes: state.byteLength });
  }

  logSize(docName: string): LogSize {
    const { count, bytes, baseBytes } = this.logOf(docName);
    return { count, bytes, baseBytes };
  }

  /** Stops holding the document here; if no instance holds it any more, it moves to Postgres. */
  release(docName: string): void {
    if (!this.logs.delete(docName)) return;
    const moving: Promise<void> = this.redis
      .zrem(docKeys(docName).holders, this.instanceId)
      .then(() => this.offloader.offload(docName))
      .then(
        () => undefined,
        (err: unknown) => this.logger.warn({ err, doc: docName }, 'moving an idle document to postgres failed'),
      )
      .finally(() => this.moving.delete(moving));
    this.moving.add(moving);
  }

  async list(): Promise<DocInfo[]> {
    const [rows, [times, sizes]] = await Promise.all([
      listDocRows(this.pool),
      execMulti(this.redis.multi().zrange(DOCS_INDEX, 0, -1, 'WITHSCORES').hgetall(DOC_SIZES), 'cannot list documents'),
    ]);
    const docs = new Map(rows.map((doc) => [doc.name, doc]));
    const flat = times as string[];
    const tailBytes = sizes as Record<string, string>;
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const name = flat[i]!;
      const stored = docs.get(name);
      const changed = new Date(Number(flat[i + 1])).toISOString();
      docs.set(name, {
        name,
        size: (stored?.size ?? 0) + Number(tailBytes[name] ?? 0),
        updatedAt: stored && stored.updatedAt > changed ? stored.updatedAt : changed,
      });
    }
    return [...docs.values()];
  }

  async exists(docName: string): Promise<boolean> {
    if (this.logs.has(docName)) return true;
    const inRedis = await guarded(this.redis.zscore(DOCS_INDEX, docName), `cannot read "${docName}"`);
    return inRedis !== null || (await hasDocRow(this.pool, docName));
  }

  async claimNew(docName: string): Promise<boolean> {
    const claim = this.redis.set(docKeys(docName).seedClaim, this.instanceId, 'PX', SEED_CLAIM_MS, 'NX');
    return (await guarded(claim, `cannot claim "${docName}"`)) === 'OK';
  }

  async deleteDoc(docName: string, deletedClocks: Uint8Array): Promise<void> {
    this.logs.delete(docName);
    const keys = docKeys(docName);
    await this.offloader.whileLocked(docName, async () => {
      await execMulti(
        this.redis
          .multi()
          .del(keys.log, keys.seedClaim, keys.holders)
          .zrem(DOCS_INDEX, docName)
          .zrem(ACTIVE_DOCS, docName)
          .hdel(DOC_SIZES, docName),
        `cannot delete "${docName}"`,
      );
      await inTransaction(this.pool, `cannot delete "${docName}"`, (client) =>
        deleteDocRows(client, docName, deletedClocks),
      );
    });
  }

  deletedClocks(docName: string): Promise<Uint8Array | undefined> {
    return readDeletedClocks(this.pool, docName);
  }

  putVersion(docName: string, version: VersionInfo, state: Uint8Array): Promise<void> {
    return putVersionRow(this.pool, docName, version, state);
  }

  listVersions(docName: string): Promise<VersionInfo[]> {
    return listVersionRows(this.pool, docName);
  }

  getVersion(docName: string, versionId: string): Promise<{ info: VersionInfo; state: Uint8Array } | undefined> {
    return readVersionRow(this.pool, docName, versionId);
  }

  putFile(docName: string, info: FileInfo, bytes: Uint8Array): Promise<void> {
    return putFileRow(this.pool, docName, info, bytes);
  }

  getFile(docName: string, id: string): Promise<StoredFile | undefined> {
    return readFileRow(this.pool, docName, id);
  }

  listFiles(docName: string): Promise<FileInfo[]> {
    return listFileRows(this.pool, docName);
  }

  deleteFiles(docName: string, ids: readonly string[]): Promise<void> {
    return deleteFileRows(this.pool, docName, ids);
  }

  /** Waits for the moves to Postgres that releases started. */
  async close(): Promise<void> {
    this.logs.clear();
    await Promise.all(this.moving);
  }

  private logOf(docName: string): DocLog {
    const log = this.logs.get(docName);
    if (!log) throw notLoaded(docName);
    return log;
  }

  /** Every entry of the document's stream, oldest first. */
  private async readTail(docName: string): Promise<{ id: string; update: Uint8Array }[]> {
    const raw = await guarded(this.redis.xrangeBuffer(docKeys(docName).log, '-', '+'), `cannot read "${docName}"`);
    return (raw as StreamEntries).flatMap(([id, fields]) => {
      const update = fieldOf(fields, 'u');
      return update ? [{ id: id.toString(), update }] : [];
    });
  }
}

/** Counts one more entry of `bytes` in the log; the first one is its base. */
function count(log: DocLog, bytes: number): void {
  if (log.count === 0) log.baseBytes = bytes;
  log.count += 1;
  log.bytes += bytes;
}

function minId(a: string, b: string): string {
  return isAfter(a, b) ? b : a;
}
