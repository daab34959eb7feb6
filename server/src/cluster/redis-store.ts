import type { Redis } from 'ioredis';
import type { DocInfo, VersionInfo } from '@quire/shared';
import { StorageError } from '../errors.js';
import {
  notLoaded,
  type DocStore,
  type FileInfo,
  type LogSize,
  type StoredFile,
  type StoreObserver,
} from '../storage/doc-store.js';
import { deleteRedisFiles, getRedisFile, listRedisFiles, putRedisFile, redisFileKeys } from './redis-files.js';
import {
  DELETED_PATTERN,
  DOCS_INDEX,
  DOC_SIZES,
  docKeys,
  docNameFromDeletedKey,
  entryFields,
  fieldOf,
  isAfter,
  nextStreamId,
} from './redis-keys.js';
import { COMPACT_SCRIPT } from './compact-script.js';
import { execMulti, guarded } from './redis-commands.js';

/**
 * The cluster-mode store (SPEC: Cluster mode): each document is a compacted state plus a
 * Redis stream of the updates after it. Appends are XADDs, so an update is relayed only
 * after Redis has it; any instance loads a document with one atomic read of state and
 * tail. Compaction replaces the state and the entries up to the stream position this
 * instance has read (all of which its document holds) with a Lua script that gives up if
 * another instance already compacted as far, so concurrent compactions never lose updates.
 * It follows the DocStore contract (storage/doc-store.ts).
 */
interface DocLog extends LogSize {
  /** Last stream id this instance has loaded or received. */
  position: string;
}

type StreamEntries = [Buffer, Buffer[]][];

/** Long enough for the claimant to store its seed; short enough that a crashed one is replaced. */
const SEED_CLAIM_MS = 10_000;

export class RedisStore implements DocStore {
  private readonly logs = new Map<string, DocLog>();

  constructor(
    private readonly redis: Redis,
    private readonly instanceId: string,
    private readonly observer: StoreObserver,
  ) {
    redis.defineCommand('quireCompact', { numberOfKeys: 4, lua: COMPACT_SCRIPT });
  }

  async load(docName: string): Promise<Uint8Array[]> {
    const { state, stateId, entries } = await this.readLog(docName);
    const updates = state ? [new Uint8Array(state), ...entries.map((e) => e.update)] : entries.map((e) => e.update);
    const bytes = updates.reduce((sum, update) => sum + update.byteLength, 0);
    this.logs.set(docName, {
      count: updates.length,
      bytes,
      baseBytes: updates[0]?.byteLength ?? 0,
      position: entries.at(-1)?.id ?? stateId,
    });
    return updates;
  }

  /** Where the fan-out should start reading `docName`'s stream. */
  positionOf(docName: string): string {
    return this.logs.get(docName)?.position ?? '0-0';
  }

  /**
   * Records that the stream was read up to `id`: the local document now holds every entry
   * up to there (its own entries were applied before they were appended). `bytes` counts
   * entries from other instances; this instance's own were counted when appended.
   */
  advance(docName: string, id: string, bytes: number): void {
    const log = this.logs.get(docName);
    if (!log) return;
    log.position = id;
    if (bytes > 0) this.count(log, bytes);
  }

  async append(docName: string, update: Uint8Array, relayedDeletions?: Uint8Array): Promise<void> {
    this.count(this.logOf(docName), update.byteLength);
    const keys = docKeys(docName);
    const started = performance.now();
    await execMulti(
      this.redis
        .multi()
        .xadd(keys.log, '*', ...entryFields(update, this.instanceId, relayedDeletions))
        .zadd(DOCS_INDEX, Date.now(), docName)
        .hincrby(DOC_SIZES, docName, update.byteLength),
      `cannot append to "${docName}"`,
    );
    this.observer.onBatch(3, (performance.now() - started) / 1000);
  }

  /**
   * `state` is the local document, which holds every stream entry up to the position this
   * instance has read (and perhaps more, which is harmless): it replaces the stored state
   * and those entries, unless another instance already compacted further.
   */
  async compact(docName: string, state: Uint8Array): Promise<void> {
    const { position } = this.logOf(docName);
    const keys = docKeys(docName);
    const merged = Buffer.from(state.buffer, state.byteOffset, state.byteLength);
    const compact = (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<number>>).quireCompact;
    let done: number | undefined;
    try {
      done = await compact?.call(
        this.redis,
        keys.state,
        keys.stateId,
        keys.log,
        DOC_SIZES,
        merged,
        position,
        nextStreamId(position),
        docName,
      );
    } catch (err) {
      throw new StorageError(`cannot compact "${docName}"`, { cause: err });
    }
    if (done !== 1) return;
    this.observer.onCompact();
    const log = this.logs.get(docName);
    if (log) Object.assign(log, { count: 1, bytes: merged.byteLength, baseBytes: merged.byteLength });
  }

  logSize(docName: string): LogSize {
    const { count, bytes, baseBytes } = this.logOf(docName);
    return { count, bytes, baseBytes };
  }

  release(docName: string): void {
    this.logs.delete(docName);
  }

  async list(): Promise<DocInfo[]> {
    const [times, sizes] = await execMulti(
      this.redis.multi().zrange(DOCS_INDEX, 0, -1, 'WITHSCORES').hgetall(DOC_SIZES),
      'cannot list documents',
    );
    const flat = times as string[];
    const sizeOf = sizes as Record<string, string>;
    const docs: DocInfo[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const name = flat[i] as string;
      docs.push({ name, size: Number(sizeOf[name] ?? 0), updatedAt: new Date(Number(flat[i + 1])).toISOString() });
    }
    return docs;
  }

  async exists(docName: string): Promise<boolean> {
    if (this.logs.has(docName)) return true;
    return (await guarded(this.redis.zscore(DOCS_INDEX, docName), `cannot read "${docName}"`)) !== null;
  }

  async claimNew(docName: string): Promise<boolean> {
    const claimed = await guarded(
      this.redis.set(docKeys(docName).seedClaim, this.instanceId, 'PX', SEED_CLAIM_MS, 'NX'),
      `cannot claim "${docName}"`,
    );
    return claimed === 'OK';
  }

  async deleteDoc(docName: string, deletedClocks: Uint8Array): Promise<void> {
    const keys = docKeys(docName);
    const versionIds = await guarded(this.redis.hkeys(keys.versions), `cannot read "${docName}"`);
    const fileKeys = await redisFileKeys(this.redis, docName);
    await execMulti(
      this.redis
        .multi()
        .del(keys.state, keys.stateId, keys.log, keys.seedClaim, keys.versions, ...versionIds.map(keys.version))
        .del(...fileKeys)
        .set(keys.deleted, Buffer.from(deletedClocks))
        .zrem(DOCS_INDEX, docName)
        .hdel(DOC_SIZES, docName),
      `cannot delete "${docName}"`,
    );
    this.logs.delete(docName);
  }

  async deletedClocks(docName: string): Promise<Uint8Array | undefined> {
    const value = await guarded(this.redis.getBuffer(docKeys(docName).deleted), `cannot read "${docName}"`);
    return value === null ? undefined : new Uint8Array(value);
  }

  /** Every name with a deletion record (`quire migrate` copies them); SCANs, so Redis is never blocked. */
  async deletedNames(): Promise<string[]> {
    const names = new Set<string>();
    let cursor = '0';
    do {
      const scan = this.redis.scan(cursor, 'MATCH', DELETED_PATTERN, 'COUNT', 1000);
      const [next, keys] = await guarded(scan, 'cannot list deletion records');
      for (const key of keys) {
        const name = docNameFromDeletedKey(key);
        if (name !== undefined) names.add(name);
      }
      cursor = next;
    } while (cursor !== '0');
    return [...names];
  }

  async putVersion(docName: string, version: VersionInfo, state: Uint8Array): Promise<void> {
    const keys = docKeys(docName);
    await execMulti(
      this.redis
        .multi()
        .set(keys.version(version.id), Buffer.from(state))
        .hset(keys.versions, version.id, JSON.stringify(version)),
      `cannot save a version of "${docName}"`,
    );
  }

  async listVersions(docName: string): Promise<VersionInfo[]> {
    const values = await guarded(this.redis.hvals(docKeys(docName).versions), `cannot list versions of "${docName}"`);
    return values.map((value) => JSON.parse(value) as VersionInfo).sort((a, b) => a.id.localeCompare(b.id));
  }

  async getVersion(docName: string, versionId: string): Promise<{ info: VersionInfo; state: Uint8Array } | undefined> {
    const keys = docKeys(docName);
    const [meta, state] = await execMulti(
      this.redis.multi().hget(keys.versions, versionId).getBuffer(keys.version(versionId)),
      `cannot read a version of "${docName}"`,
    );
    if (typeof meta !== 'string' || !Buffer.isBuffer(state)) return undefined;
    return { info: JSON.parse(meta) as VersionInfo, state: new Uint8Array(state) };
  }

  putFile(docName: string, info: FileInfo, bytes: Uint8Array): Promise<void> {
    return putRedisFile(this.redis, docName, info, bytes);
  }

  getFile(docName: string, id: string): Promise<StoredFile | undefined> {
    return getRedisFile(this.redis, docName, id);
  }

  listFiles(docName: string): Promise<FileInfo[]> {
    return listRedisFiles(this.redis, docName);
  }

  deleteFiles(docName: string, ids: readonly string[]): Promise<void> {
    return deleteRedisFiles(this.redis, docName, ids);
  }

  async close(): Promise<void> {
    this.logs.clear();
  }

  /** Counts one more entry of `bytes` in the log; the first one is its base. */
  private count(log: DocLog, bytes: number): void {
    if (log.count === 0) log.baseBytes = bytes;
    log.count += 1;
    log.bytes += bytes;
  }

  private logOf(docName: string): DocLog {
    const log = this.logs.get(docName);
    if (!log) throw notLoaded(docName);
    return log;
  }

  /** State, its stream id and the entries after it, read in one atomic transaction. */
  private async readLog(
    docName: string,
  ): Promise<{ state: Buffer | null; stateId: string; entries: { id: string; update: Uint8Array }[] }> {
    const keys = docKeys(docName);
    const [state, stateId, raw] = await execMulti(
      this.redis.multi().getBuffer(keys.state).get(keys.stateId).xrangeBuffer(keys.log, '-', '+'),
      `cannot read "${docName}"`,
    );
    const from = typeof stateId === 'string' ? stateId : '0-0';
    const entries = (raw as StreamEntries)
      .map(([id, fields]) => ({ id: id.toString(), update: fieldOf(fields, 'u') }))
      .filter(
        (entry): entry is { id: string; update: Uint8Array } => entry.update !== undefined && isAfter(entry.id, from),
      );
    return { state: Buffer.isBuffer(state) ? state : null, stateId: from, entries };
  }
}
