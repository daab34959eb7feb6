import { StorageError } from '../errors.js';
import { GroupCommitter, type BatchOp } from './group-commit.js';
import { LevelLogSync } from './level-log-sync.js';
import type { LevelWriter, WriteListener, WriterDeps } from './level-writer.js';
import { RelayLog, type Segment } from './relay-log.js';
import { encodeRecord } from './relay-log-format.js';

/**
 * Batches go through the relay log (relay-log.ts) first: the writes of one turn of the event
 * loop are appended as one record with one synchronous write, and resolve right after it
 * (no round trip through the thread pool before relaying); listeners (`afterWrites`) are
 * told synchronously, so a room relays in the same run as the write, and a room that asks
 * for it has the turn appended at the end of the current task instead of the turn's end.
 * LevelDB gets them later, several turns' worth per batch (at most every APPLY_INTERVAL_MS
 * under load), off the relay path. A sync waits until LevelDB has the batches it covers
 * (written, not synced), then is an fdatasync of the log (one file, group-committed), so a
 * "saved" acknowledgement leaves nothing of its changes to do; LevelDB itself is synced
 * only before a full segment is removed and on close. Reads wait until LevelDB has caught up
 * with what was written before them. A failed LevelDB write leaves everything in the log
 * (replayed on the next open) and fails every later write and sync: the store is broken.
 */
export const APPLY_INTERVAL_MS = 20;

const RESOLVED = Promise.resolve();

/** The writes of one turn: appended together, so they share one promise. */
interface Turn {
  ops: BatchOp[];
  /** Told right after the append, before `done` settles (see `afterWrites`). */
  listeners: WriteListener[];
  /** The end of the event loop's turn, when it is appended unless asked to be sooner. */
  atTurnEnd: NodeJS.Immediate | undefined;
  done: Promise<void>;
  resolve(): void;
  reject(err: unknown): void;
}

/** A sync requested before LevelDB's next batch started: every request until then shares it. */
interface PendingSync {
  applied: Promise<void>;
  done: Promise<void>;
}

export class LoggedWriter implements LevelWriter {
  /** Writes of this turn, appended together at the end of it. */
  private turn: Turn | undefined;
  private pendingSync: PendingSync | undefined;
  private readonly applier: GroupCommitter;
  private readonly syncer: GroupCommitter;
  /** Batches appended to the log and not yet written into LevelDB. */
  private unapplied = 0;
  private failure: StorageError | undefined;
  private retiring = Promise.resolve();
  private isClosing = false;

  private constructor(
    private readonly deps: WriterDeps,
    private readonly log: RelayLog,
    private readonly logSync: LevelLogSync,
  ) {
    this.applier = new GroupCommitter(deps.apply, deps.observer.onBatch, APPLY_INTERVAL_MS);
    this.syncer = new GroupCommitter(
      () => this.log.sync(),
      (_, seconds) => deps.observer.onSync?.(seconds),
      deps.commitIntervalMs,
    );
  }

  /** Replays what a previous process left in the log into LevelDB, then starts a new log. */
  static async open(deps: WriterDeps): Promise<LoggedWriter> {
    const logSync = new LevelLogSync(deps.dir);
    const log = await RelayLog.open(deps.dir, deps.apply, () => logSync.sync());
    return new LoggedWriter(deps, log, logSync);
  }

  write(ops: BatchOp[]): Promise<void> {
    // Past this point the log is about to be removed: a write would be lost.
    if (this.isClosing) return Promise.reject(new StorageError('the store is closed'));
    const turn = this.turn ?? this.startTurn();
    for (const op of ops) turn.ops.push(op);
    return turn.done;
  }

  /**
   * Calls `listener` synchronously right after the write that returned `written` is appended
   * (true) or failed (false), before its promise settles: a caller can relay it in the very
   * turn of the append, with no promise callback in between. With `soon` the turn is
   * appended at the end of the current task (when the frame that caused it has been handled)
   * rather than at the end of the event loop's turn. False when `written` is not waiting to
   * be appended (a write refused at once, or one done already).
   */
  afterWrites(written: Promise<void>, listener: WriteListener, soon: boolean): boolean {
    const turn = this.turn;
    if (turn?.done !== written) return false;
    turn.listeners.push(listener);
    if (soon && turn.atTurnEnd !== undefined) {
      clearImmediate(turn.atTurnEnd);
      turn.atTurnEnd = undefined;
      // A promise callback rather than `queueMicrotask`, which makes an async resource per
      // call; this runs once per keystroke of an idle room (`appendTurn` catches its errors).
      void RESOLVED.then(this.appendTurn);
    }
    return true;
  }

  /**
   * LevelDB gets what the sync covers first, then the log is synced: once a client is told
   * its changes are saved, nothing of them is left to do but removing log segments. Waiting
   * for LevelDB's batch first means every sync requested while one batch gathers shares one
   * fsync, so the log is synced at most once per LevelDB batch (the ack waits for that batch
   * anyway).
   */
  sync(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const applied = this.applier.write([]);
    if (this.pendingSync?.applied === applied) return this.pendingSync.done;
    const done = applied
      .then(() => this.syncer.write([]))
      .catch((err: unknown) => {
        throw new StorageError('relay log sync failed', { cause: err });
      });
    this.pendingSync = { applied, done };
    return done;
  }

  async caughtUp(): Promise<void> {
    this.appendTurn();
    if (this.unapplied > 0) await this.applier.writeNow([]);
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    this.isClosing = true;
    this.appendTurn();
    await this.applier.drain();
    await this.retiring;
    if (!this.failure) await this.logSync.sync();
    await this.syncer.drain();
    // Kept after a failure: the next open replays them.
    await this.log.close(!this.failure);
    await this.logSync.close();
  }

  /** Appends this turn's writes as one record, resolves them, and queues them for LevelDB. */
  private readonly appendTurn = (): void => {
    const turn = this.turn;
    if (turn === undefined) return;
    this.turn = undefined;
    const { ops } = turn;
    for (const op of this.deps.due()) ops.push(op);
    try {
      if (this.failure) throw this.failure;
      this.log.append(encodeRecord(ops));
    } catch (err) {
      turn.reject(err instanceof StorageError ? err : new StorageError('relay log write failed', { cause: err }));
      for (const listener of turn.listeners) listener(false);
      return;
    }
    // Resolving only queues the promise callbacks: the listeners (the relays) come first.
    // LevelDB's queue gets the ops after them, in this same run, so they join any batch a
    // sync a listener asks for waits on (a batch never starts in the run that queued it).
    turn.resolve();
    for (const listener of turn.listeners) listener(true);
    this.applyLater(ops);
  };

  private startTurn(): Turn {
    let resolve!: () => void;
    let reject!: (err: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.turn = { ops: [], listeners: [], atTurnEnd: setImmediate(this.appendTurn), done, resolve, reject };
    return this.turn;
  }

  private applyLater(ops: BatchOp[]): void {
    this.unapplied += 1;
    this.applier.write(ops).then(
      () => {
        this.unapplied -= 1;
      },
      (err: unknown) => {
        this.unapplied -= 1;
        this.fail(err);
      },
    );
    if (!this.log.isFull) return;
    this.log.rotate().then(
      (full) => {
        if (full) this.retire(full);
      },
      (err: unknown) => this.fail(err),
    );
  }

  /** Removes a full segment once LevelDB holds every batch in it, synced. */
  private retire(segment: Segment): void {
    this.retiring = this.retiring
      .then(() => this.applier.write([]))
      .then(() => this.logSync.sync())
      .then(() => (this.failure ? undefined : this.log.remove(segment)))
      .catch((err: unknown) => this.fail(err));
  }

  private fail(err: unknown): void {
    this.failure ??= err instanceof StorageError ? err : new StorageError('LevelDB write failed', { cause: err });
  }
}
