/**
 * Group commit (SPEC: Guarantees, durability). Writes that arrive while a batch is in
 * flight wait and go out together in the next batch, so the cost of one batch is shared
 * by everything that arrived during the previous one. Batches also start at least
 * `minIntervalMs` apart: a write to an idle store goes out at once (after one turn of the
 * event loop, so frames that arrived together share it), but under a steady stream each
 * batch carries everything that arrived in that interval, at the price of at most that
 * much latency. Each caller's promise resolves only after its batch is done, in the order
 * the writes were queued. The LevelDB store runs two: one for its writes (no interval)
 * and one for its syncs (empty batches, at most every `--commit-interval-ms`).
 */
export type BatchOp = { type: 'put'; key: string; value: Uint8Array } | { type: 'del'; key: string };

export type WriteBatch = (ops: BatchOp[]) => Promise<void>;

/** Told about every batch that reached the disk: its size and how long the write took. */
export type BatchObserver = (operations: number, seconds: number) => void;

interface Pending {
  ops: BatchOp[];
  resolve(): void;
  reject(err: unknown): void;
}

export class GroupCommitter {
  private queue: Pending[] = [];
  private inFlight: Promise<void> | undefined;
  private scheduled = false;
  /** The interval's timer while the next batch waits for it. */
  private timer: NodeJS.Timeout | undefined;
  /** Someone waits for the next batch: it does not wait for the interval. */
  private isUrgent = false;
  private lastFlushAt = -Infinity;
  /** The next batch's promise for empty writes (sync requests): they all share it. */
  private nextBatchDone: Promise<void> | undefined;

  constructor(
    private readonly writeBatch: WriteBatch,
    private readonly observe: BatchObserver = () => undefined,
    private readonly minIntervalMs = 0,
  ) {}

  /**
   * Queues `ops` to be written atomically together with the rest of their batch. Empty
   * writes (waiting for the next batch, e.g. a sync) queued before that batch starts all get
   * the same promise: a busy store makes one per batch, not one per caller.
   */
  write(ops: BatchOp[]): Promise<void> {
    if (ops.length === 0 && this.nextBatchDone !== undefined) {
      // `writeNow` may have cancelled the timer the queued batch waited on.
      this.schedule();
      return this.nextBatchDone;
    }
    const done = new Promise<void>((resolve, reject) => {
      this.queue.push({ ops, resolve, reject });
      this.schedule();
    });
    if (ops.length === 0) this.nextBatchDone = done;
    return done;
  }

  /**
   * Like `write`, but the batch it joins starts as soon as the one in flight is done, without
   * waiting for the interval (a reader needs everything queued so far).
   */
  writeNow(ops: BatchOp[]): Promise<void> {
    this.isUrgent = true;
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.scheduled = false;
    }
    return this.write(ops);
  }

  /** Resolves once everything queued so far has been written (or has failed). */
  async drain(): Promise<void> {
    while (this.inFlight || this.queue.length > 0 || this.scheduled) {
      await (this.inFlight ?? new Promise<void>((resolve) => setImmediate(resolve)));
    }
  }

  private schedule(): void {
    if (this.inFlight || this.scheduled) return;
    this.scheduled = true;
    const run = (): void => {
      this.scheduled = false;
      this.timer = undefined;
      this.flush();
    };
    const waitMs = this.isUrgent ? 0 : this.lastFlushAt + this.minIntervalMs - performance.now();
    // At least one turn of the event loop lets frames that arrived together join the batch.
    if (waitMs <= 0) setImmediate(run);
    else this.timer = setTimeout(run, Math.ceil(waitMs));
  }

  private flush(): void {
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    this.nextBatchDone = undefined;
    this.isUrgent = false;
    const ops = batch.flatMap((pending) => pending.ops);
    const started = performance.now();
    this.lastFlushAt = started;
    this.inFlight = this.writeBatch(ops).then(
      () => {
        this.observe(ops.length, (performance.now() - started) / 1000);
        for (const pending of batch) pending.resolve();
      },
      (err: unknown) => {
        for (const pending of batch) pending.reject(err);
      },
    );
    void this.inFlight.finally(() => {
      this.inFlight = undefined;
      if (this.queue.length > 0) this.schedule();
    });
  }
}
