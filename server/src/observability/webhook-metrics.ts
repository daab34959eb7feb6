import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * Webhook delivery metrics (SPEC: Webhooks): how many deliveries wait in the outbox, how
 * many were delivered, how many attempts failed and how many were given up after the
 * retries ran out.
 */
export interface WebhookMetrics {
  delivered: Counter;
  attemptsFailed: Counter;
  failed: Counter;
}

export function createWebhookMetrics(registry: Registry, pending: () => Promise<number>): WebhookMetrics {
  const registers = [registry];
  new Gauge({
    name: 'quire_webhooks_pending',
    help: 'Webhook deliveries waiting in the outbox (all instances sharing the store)',
    registers,
    async collect() {
      this.set(await pending().catch(() => Number.NaN));
    },
  });
  return {
    delivered: new Counter({
      name: 'quire_webhooks_delivered_total',
      help: 'Webhook deliveries answered with 2xx',
      registers,
    }),
    attemptsFailed: new Counter({
      name: 'quire_webhook_attempts_failed_total',
      help: 'Webhook attempts that failed (non-2xx, timeout, connection error) and were retried or dropped',
      registers,
    }),
    failed: new Counter({
      name: 'quire_webhooks_failed_total',
      help: 'Webhook deliveries dropped after about an hour of retries',
      registers,
    }),
  };
}
