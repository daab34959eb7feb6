import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { Logger } from 'pino';
import { foldIntoState, type StreamUpdate } from '../storage/postgres/pg-state.js';
import { execMulti, guarded } from './redis-commands.js';
import { ACTIVE_DOCS, DOCS_INDEX, DOC_SIZES, docKeys, fieldOf } from './redis-keys.js';
import { UNLOAD_SCRIPT } from './unload-script.js';

/**
 * Moves an idle document out of Redis into Postgres (SPEC: Cluster mode, `--redis` with
 * `--postgres`): its stream is folded into the state in Postgres, committed, and only then
 * are its Redis keys removed, by a script that gives up if anything was appended
 * meanwhile or an instance holds the document (unload-script.ts). So an update is always
 * in Redis, in Postgres, or both; never in neither. One instance at a time moves a given
 * document (a short lock), and deletion takes the same lock.
 */
export interface OffloaderDeps {
  redis: Redis;
  pool: pg.Pool;
  instanceId: string;
  logger: Logger;
  /** A heartbeat younger than this means its instance still holds the document. */
  holderTtlMs: number;
  isLoadedHere(docName: string): boolean;
}

type StreamEntries = [Buffer, Buffer[]][];
type Script = (...args: unknown[]) => Promise<number>;

/** Far longer than a fold takes; a crashed holder's lock lapses after it. */
const LOCK_MS = 30_000;
const UNLOCK_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const LOCK_RETRY_MS = 50;

export class Offloader {
  constructor(private readonly deps: OffloaderDeps) {
    deps.redis.defineCommand('quireUnload', { numberOfKeys: 6, lua: UNLOAD_SCRIPT });
    deps.redis.defineCommand('quireUnlock', { numberOfKeys: 1, lua: UNLOCK_SCRIPT });
  }

  /** Moves `docName` to Postgres if nobody holds it; true once its Redis keys are gone. */
  async offload(docName: string): Promise<boolean> {
    const { redis, pool, holderTtlMs } = this.deps;
    const keys = docKeys(docName);
    if (!(await this.lock(keys.offloadLock))) return false;
    try {
      if (this.deps.isLoadedHere(docName) || (await this.isHeld(docName))) return false;
      const { updates, lastId, changedAt } = await this.readStream(docName);
      await foldIntoState(pool, docName, updates, changedAt);
      const unload = this.script('quireUnload');
      const removed = await guarded(
        unload.call(
          redis,
          keys.log,
          keys.holders,
          DOCS_INDEX,
          DOC_SIZES,
          ACTIVE_DOCS,
          keys.seedClaim,
          lastId,
          Date.now() - holderTtlMs,
          docName,
        ),
        `cannot unload "${docName}" from Redis`,
      );
      if (removed === 1) this.deps.logger.debug({ doc: docName }, 'moved to postgres');
      return removed === 1;
    } finally {
      await this.unlock(keys.offloadLock);
    }
  }

  /** Runs `task` holding `docName`'s lock, waiting for an offload in progress to finish. */
  async whileLocked<T>(docName: string, task: () => Promise<T>): Promise<T> {
    const key = docKeys(docName).offloadLock;
    const deadline = Date.now() + LOCK_MS;
    while (!(await this.lock(key)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
    }
    try {
      return await task();
    } finally {
      await this.unlock(key);
    }
  }

  /** Whether an instance has announced holding `docName` recently. */
  private async isHeld(docName: string): Promise<boolean> {
    const since = Date.now() - this.deps.holderTtlMs;
    const holders = this.deps.redis.zcount(docKeys(docName).holders, since, '+inf');
    return (await guarded(holders, `cannot read "${docName}"`)) > 0;
  }

  private async readStream(docName: string): Promise<{ updates: StreamUpdate[]; lastId: string; changedAt: Date }> {
    const keys = docKeys(docName);
    const [raw, score] = await execMulti(
      this.deps.redis.multi().xrangeBuffer(keys.log, '-', '+').zscore(DOCS_INDEX, docName),
      `cannot read "${docName}"`,
    );
    const entries = raw as StreamEntries;
    const updates = entries.flatMap(([id, fields]) => {
      const update = fieldOf(fields, 'u');
      return update ? [{ id: id.toString(), update }] : [];
    });
    const lastId = entries.at(-1)?.[0].toString() ?? '0-0';
    const changedAt = new Date(typeof score === 'string' ? Number(score) : Date.now());
    return { updates, lastId, changedAt };
  }

  private async lock(key: string): Promise<boolean> {
    const set = this.deps.redis.set(key, this.deps.instanceId, 'PX', LOCK_MS, 'NX');
    return (await guarded(set, 'cannot take the offload lock')) === 'OK';
  }

  private async unlock(key: string): Promise<void> {
    await this.script('quireUnlock')
      .call(this.deps.redis, key, this.deps.instanceId)
      .catch(() => undefined);
  }

  private script(name: string): Script {
    return (this.deps.redis as unknown as Record<string, Script>)[name]!;
  }
}
