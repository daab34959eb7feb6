import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * Webhook delivery metrics (SPEC: Webhooks): how many deliveries wait in the outbox, how
 * many were delivered, how many attempts failed and how many were given up after the
 * retries ran out; how many events wait in memory for the outbox, and how many of those
 * were dropped (webhooks/outbox-feeder.ts).
 */
export interface WebhookMetrics {
  delivered: Counter;
  attemptsFailed: Counter;
  failed: Counter;
  eventsDropped: Counter;
}

export function createWebhookMetrics(
  registry: Registry,
  pending: () => Promise<number>,
  held: () => number,
): WebhookMetrics {
  const registers = [registry];
  heldGauge(registers, held);
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
    eventsDropped: new Counter({
      name: 'quire_webhook_events_dropped_total',
      help: 'Webhook events dropped unstored: past the bound of events held in memory, or held at shutdown',
      registers,
    }),
  };
}

function heldGauge(registers: Registry[], held: () => number): void {
  new Gauge({
    name: 'quire_webhook_events_held',
    help: 'Webhook events waiting in memory because the outbox could not store them yet',
    registers,
    collect() {
      this.set(held());
    },
  });
}
