import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Offloader } from './offloader.js';
import { ACTIVE_DOCS } from './redis-keys.js';

/**
 * Keeps Redis holding only the documents in use (SPEC: Cluster mode, `--postgres`;
 * Guarantees, `--unload-grace-seconds`). Every tick it renews this instance's heartbeat
 * on the documents it has loaded, then moves to Postgres the documents no instance has
 * held for the grace period. An instance that unloads a document moves it at once if no
 * other holds it; the sweep is for the documents of instances that died holding them,
 * which every surviving instance notices (the offload lock makes one of them do it).
 */
export interface SweeperDeps {
  redis: Redis;
  offloader: Offloader;
  logger: Logger;
  graceMs: number;
  tickMs: number;
  loadedDocs(): string[];
  announce(docNames: string[]): Promise<void>;
}

/** Documents moved per tick at most, so one tick never runs long. */
const SWEEP_BATCH = 100;

export class IdleSweeper {
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> | undefined;
  private hasFailed = false;

  constructor(private readonly deps: SweeperDeps) {
    this.timer = setInterval(() => {
      this.running ??= this.tick().finally(() => (this.running = undefined));
    }, deps.tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    try {
      await this.deps.announce(this.deps.loadedDocs());
      const idleSince = Date.now() - this.deps.graceMs;
      const idle = await this.deps.redis.zrangebyscore(ACTIVE_DOCS, '-inf', idleSince, 'LIMIT', 0, SWEEP_BATCH);
      for (const docName of idle) await this.deps.offloader.offload(docName);
      if (this.hasFailed) this.deps.logger.info('moving idle documents to postgres works again');
      this.hasFailed = false;
    } catch (err) {
      // Logged once per outage: the next tick tries again.
      if (!this.hasFailed) this.deps.logger.warn({ err }, 'moving idle documents to postgres failed; retrying');
      this.hasFailed = true;
    }
  }
}
