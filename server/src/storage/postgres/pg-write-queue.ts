import type pg from 'pg';
import { asBuffer, inTransaction, isConnectionError, query } from './pg-connection.js';

/**
 * The Postgres write path (SPEC: Guarantees, durability; `--postgres` alone). Updates
 * appended during one turn of the event loop are committed together by one multi-row
 * INSERT, which also brings each document's size and change time up to date; a commit is
 * written and synced at once (Postgres' WAL), so a resolved append is both. Other writes
 * (compactions, deletions, versions) are transactions queued in the same order.
 *
 * While Postgres is unreachable, writes are retried with a growing delay instead of
 * failing: nothing is acknowledged or relayed meanwhile, and everything waiting lands once
 * Postgres is back (an INSERT that committed just before its connection broke is not
 * stored twice). The outage is reported once when it starts and once when it ends. Other
 * failures reject at once, as do retries after `close`.
 */
export interface AppendRow {
  doc: string;
  seq: number;
  data: Uint8Array;
  /** The document's size in bytes once this row is stored. */
  docBytes: number;
}

export interface WriteQueueHooks {
  onBatch(operations: number, seconds: number): void;
  onUnreachable(err: unknown): void;
  onReachable(): void;
}

type Job = { rows: AppendRow[] } | { what: string; work: (client: pg.PoolClient) => Promise<void> };

interface Pending {
  job: Job;
  resolve(): void;
  reject(err: unknown): void;
}

const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 1_000;
/** Rows per INSERT: far below Postgres' 65535 parameters (3 each, plus the sizes). */
const MAX_ROWS_PER_STATEMENT = 2_000;

export class PgWriteQueue {
  private queue: Pending[] = [];
  private inFlight: Promise<void> | undefined;
  private isScheduled = false;
  private isClosed = false;
  private isDown = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly hooks: WriteQueueHooks,
  ) {}

  append(row: AppendRow): Promise<void> {
    return this.enqueue({ rows: [row] });
  }

  /** Runs `work` in one transaction, after every write queued before it. */
  transaction(what: string, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    return this.enqueue({ what, work });
  }

  /** Resolves once everything queued so far has been written (or has failed). */
  async drain(): Promise<void> {
    while (this.inFlight || this.queue.length > 0 || this.isScheduled) {
      await (this.inFlight ?? new Promise<void>((resolve) => setImmediate(resolve)));
    }
  }

  /** From now on a write that cannot reach Postgres fails instead of waiting. */
  close(): void {
    this.isClosed = true;
  }

  private enqueue(job: Job): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.inFlight || this.isScheduled) return;
    this.isScheduled = true;
    // One turn of the event loop lets the updates that arrived together share a commit.
    setImmediate(() => {
      this.isScheduled = false;
      this.inFlight = this.flush().finally(() => {
        this.inFlight = undefined;
        if (this.queue.length > 0) this.schedule();
      });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    for (const group of groupsOf(batch)) {
      const started = performance.now();
      try {
        await this.withRetry(() => this.write(group));
        this.hooks.onBatch(group.length, (performance.now() - started) / 1000);
        for (const pending of group) pending.resolve();
      } catch (err) {
        for (const pending of group) pending.reject(err);
      }
    }
  }

  private write(group: Pending[]): Promise<void> {
    const first = group[0]!.job;
    if (!('rows' in first)) return inTransaction(this.pool, first.what, first.work);
    return insertRows(
      this.pool,
      group.flatMap((pending) => ('rows' in pending.job ? pending.job.rows : [])),
    );
  }

  private async withRetry(attempt: () => Promise<void>): Promise<void> {
    for (let delay = RETRY_FIRST_MS; ; delay = Math.min(delay * 2, RETRY_MAX_MS)) {
      try {
        await attempt();
        if (this.isDown) {
          this.isDown = false;
          this.hooks.onReachable();
        }
        return;
      } catch (err) {
        if (this.isClosed || !isConnectionError(err)) throw err;
        if (!this.isDown) {
          this.isDown = true;
          this.hooks.onUnreachable(err);
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

/** Consecutive appends form one group (one INSERT each), every transaction its own. */
function groupsOf(batch: Pending[]): Pending[][] {
  const groups: Pending[][] = [];
  let rows = 0;
  for (const pending of batch) {
    const last = groups.at(-1);
    const isAppend = 'rows' in pending.job;
    if (isAppend && last && 'rows' in last[0]!.job && rows < MAX_ROWS_PER_STATEMENT) {
      last.push(pending);
      rows += 1;
    } else {
      groups.push([pending]);
      rows = 1;
    }
  }
  return groups;
}

/**
 * One statement, so one atomic commit: the rows, and each document's row with its newest
 * size. `ON CONFLICT DO NOTHING` makes a retried INSERT that had committed harmless.
 */
async function insertRows(pool: pg.Pool, rows: AppendRow[]): Promise<void> {
  const params: unknown[] = [];
  const values = rows.map((row) => {
    params.push(row.doc, row.seq, asBuffer(row.data));
    const n = params.length;
    return `($${n - 2}::text, $${n - 1}::bigint, $${n}::bytea)`;
  });
  const sizes = new Map(rows.map((row) => [row.doc, row.docBytes]));
  const metaValues = [...sizes].map(([doc, bytes]) => {
    params.push(doc, bytes);
    return `($${params.length - 1}::text, $${params.length}::bigint)`;
  });
  const sql = `WITH stored AS (
      INSERT INTO quire_updates (doc, seq, data) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING
    )
    INSERT INTO quire_docs (name, bytes, updated_at)
    SELECT name, bytes, now() FROM (VALUES ${metaValues.join(', ')}) AS meta (name, bytes)
    ON CONFLICT (name) DO UPDATE SET bytes = EXCLUDED.bytes, updated_at = EXCLUDED.updated_at`;
  await query(pool, sql, params, `cannot store ${rows.length} update(s) in Postgres`);
}
