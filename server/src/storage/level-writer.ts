import { StorageError } from '../errors.js';
import type { StoreObserver } from './doc-store.js';
import { GroupCommitter, type BatchOp } from './group-commit.js';
import { LevelLogSync } from './level-log-sync.js';
import { replayRelayLog, type ApplyBatch } from './relay-log.js';

/**
 * How the LevelDB store's batches reach the disk (SPEC: Guarantees, durability). Two ways:
 * straight into LevelDB (`DirectWriter`, below), or through the relay log first
 * (`LoggedWriter`, relay-log-writer.ts). Either way a resolved `write` survives `kill -9`
 * and a resolved `sync` survives a crash of the machine.
 */
export interface LevelWriter {
  /** Queues `ops` as one atomic batch; resolves once a crash of the process cannot lose it. */
  write(ops: BatchOp[]): Promise<void>;
  /**
   * Optional: calls the listener synchronously once the write that returned `written` is done
   * (true) or failed (false), before its promise settles, with `soon` at the end of the
   * current task; false if it cannot (see LoggedWriter).
   */
  afterWrites?(written: Promise<void>, listener: WriteListener, soon: boolean): boolean;
  /** Resolves once everything written before the call is synced to disk (group-committed). */
  sync(): Promise<void>;
  /** Resolves once LevelDB can be read for everything written before the call. */
  caughtUp(): Promise<void>;
  /** Writes and syncs everything queued, then lets go of its files. */
  close(): Promise<void>;
}

/** Told whether the writes it waited for are done (true) or failed (false). */
export type WriteListener = (isWritten: boolean) => void;

/** What a writer needs from the store. */
export interface WriterDeps {
  dir: string;
  /** Writes a batch into LevelDB. */
  apply: ApplyBatch;
  /** Rows that are due and ride along with the next batch (the metadata rows). */
  due(): BatchOp[];
  observer: StoreObserver;
  commitIntervalMs: number;
}

/**
 * Batches go straight into LevelDB, one batch per turn of the event loop; syncs fsync
 * LevelDB's log files (level-log-sync.ts), at most every commit interval.
 */
export class DirectWriter implements LevelWriter {
  private readonly committer: GroupCommitter;
  private readonly logSync: LevelLogSync;
  private readonly syncer: GroupCommitter;

  private constructor({ dir, apply, due, observer, commitIntervalMs }: WriterDeps) {
    this.committer = new GroupCommitter((ops) => apply([...ops, ...due()]), observer.onBatch);
    this.logSync = new LevelLogSync(dir);
    this.syncer = new GroupCommitter(
      () => this.logSync.sync(),
      (_, seconds) => observer.onSync?.(seconds),
      commitIntervalMs,
    );
  }

  /** Replays what a process that wrote through the relay log left in it, first. */
  static async open(deps: WriterDeps): Promise<DirectWriter> {
    const writer = new DirectWriter(deps);
    await replayRelayLog(deps.dir, deps.apply, () => writer.logSync.sync());
    return writer;
  }

  write(ops: BatchOp[]): Promise<void> {
    return this.committer.write(ops);
  }

  async sync(): Promise<void> {
    try {
      await this.syncer.write([]);
    } catch (err) {
      throw new StorageError('LevelDB sync failed', { cause: err });
    }
  }

  caughtUp(): Promise<void> {
    return Promise.resolve();
  }

  async close(): Promise<void> {
    await this.committer.drain();
    // Closing LevelDB does not sync its log: what was written must be on disk before exit.
    await this.sync();
    await this.syncer.drain();
    await this.logSync.close();
  }
}
