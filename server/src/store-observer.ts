import type { Logger } from 'pino';
import type { StoreObserver } from './storage/doc-store.js';
import type { Metrics } from './observability/metrics.js';

/** What the store reports (batches, syncs, compactions, background failures) into metrics and logs. */
export function storeObserver(metrics: Metrics, logger: Logger): StoreObserver {
  return {
    onBatch: (operations, seconds) => {
      metrics.persistBatchOps.observe(operations);
      metrics.persistBatchSeconds.observe(seconds);
    },
    onSync: (seconds) => metrics.syncSeconds.observe(seconds),
    onCompact: () => metrics.compactions.inc(),
    onReclaimFailed: (err) => logger.warn({ err }, 'reclaiming disk space after a compaction failed'),
    onMetaWriteFailed: (err) => logger.warn({ err }, "saving an unloaded document's size and change time failed"),
  };
}
