import type { Logger } from 'pino';
import type { StoreObserver } from '../doc-store.js';
import type { PgStoreHooks } from './pg-store.js';

/**
 * Whether Postgres is reachable, as the write path last found it, with one log line when
 * an outage starts and one when it ends (SPEC: Guarantees; STYLE §5: no log per retry).
 */
export class PgHealth {
  private isDown = false;

  constructor(private readonly logger: Logger) {}

  get isUp(): boolean {
    return !this.isDown;
  }

  hooks(observer: StoreObserver): PgStoreHooks {
    return {
      observer,
      onUnreachable: (err) => {
        this.isDown = true;
        this.logger.error(
          { err },
          'postgres unreachable: holding writes (nothing is relayed or acknowledged) and retrying',
        );
      },
      onReachable: () => {
        this.isDown = false;
        this.logger.info('postgres reachable again: held writes stored');
      },
      onPoolError: (err) => this.logger.debug({ err }, 'an idle postgres connection broke'),
    };
  }
}
