import type pg from 'pg';

/**
 * Asks Postgres whether it answers (SPEC: HTTP, `/healthz`): a `SELECT 1` on the pool, given
 * up after PROBE_TIMEOUT_MS. The write path only notices an outage when something is
 * written, so an idle server needs this to tell. One probe runs at a time, and its answer
 * is reused for FRESH_MS, so however often `/healthz` is asked, Postgres sees at most one
 * probe at a time and a few a second.
 */
const PROBE_TIMEOUT_MS = 2_000;
const FRESH_MS = 500;

export class PgProbe {
  private running: Promise<boolean> | undefined;
  private last: { at: number; isUp: boolean } | undefined;

  constructor(private readonly pool: pg.Pool) {}

  /**
   * The last answer (true before the first probe), for readings that cannot wait (the
   * `quire_storage_up` metric); asks again in the background when it is stale.
   */
  sample(): boolean {
    void this.check();
    return this.last?.isUp ?? true;
  }

  /** Whether Postgres answers now (or answered within FRESH_MS). */
  check(): Promise<boolean> {
    if (this.last && Date.now() - this.last.at < FRESH_MS) return Promise.resolve(this.last.isUp);
    this.running ??= this.probe().then((isUp) => {
      this.last = { at: Date.now(), isUp };
      this.running = undefined;
      return isUp;
    });
    return this.running;
  }

  private async probe(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
    });
    const answer = this.pool.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
