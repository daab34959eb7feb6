import type { Logger } from 'pino';
import type { Webhook } from 'standardwebhooks';
import type { Delivery, WebhookOutbox } from '../storage/webhook-outbox.js';
import type { WebhookMetrics } from '../observability/webhook-metrics.js';
import type { Clock, Timer } from '../util/clock.js';
import { retryDelayMs } from './retry-schedule.js';
import { sendDelivery } from './send.js';

/**
 * Sends what the outbox holds (SPEC: Webhooks): at least once, in order per target and
 * document. It claims due deliveries (the outbox hands out only the head of each queue, and
 * to one instance at a time), sends them, and then removes each delivered one or schedules
 * its retry; a delivery whose retries ran out is removed with an `error` line and counted.
 * It looks for work when an event is stored, when a delivery ends, and every `pollMs`
 * (retries falling due, other instances' events, leases that ran out).
 */
export const POLL_MS = 1_000;
/** Longer than a delivery's timeout, so a live instance never loses its claim mid-send. */
export const LEASE_MS = 60_000;
const MAX_IN_FLIGHT = 16;

export interface DispatcherDeps {
  outbox: WebhookOutbox;
  signer: Webhook;
  clock: Clock;
  logger: Logger;
  metrics: WebhookMetrics;
}

export class WebhookDispatcher {
  /** Deliveries being sent by this instance (ids), and every attempt not finished yet. */
  private readonly inFlight = new Set<string>();
  private readonly attempts = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private isPolling = false;
  private isPollWanted = false;
  private pollTimer: Timer | undefined;

  constructor(private readonly deps: DispatcherDeps) {}

  start(): void {
    this.pollTimer = this.deps.clock.setInterval(() => this.kick(), POLL_MS);
    this.kick();
  }

  /** Looks for due deliveries now. */
  kick(): void {
    if (this.stopping.signal.aborted) return;
    if (this.isPolling) {
      this.isPollWanted = true;
      return;
    }
    this.isPolling = true;
    void this.poll().finally(() => {
      this.isPolling = false;
      if (this.isPollWanted) {
        this.isPollWanted = false;
        this.kick();
      }
    });
  }

  /**
   * Stops sending: attempts under way are abandoned (their deliveries stay in the outbox
   * and are sent again after a restart, or by another instance once the lease runs out).
   */
  async stop(): Promise<void> {
    this.deps.clock.clear(this.pollTimer);
    this.stopping.abort();
    await Promise.allSettled(this.attempts);
  }

  private async poll(): Promise<void> {
    const room = MAX_IN_FLIGHT - this.inFlight.size;
    if (room <= 0) return;
    let claimed: Delivery[];
    try {
      claimed = await this.deps.outbox.claimDue(this.deps.clock.now(), room, LEASE_MS);
    } catch (err) {
      this.deps.logger.warn({ err }, 'reading the webhook outbox failed; trying again shortly');
      return;
    }
    for (const delivery of claimed) {
      if (this.inFlight.has(delivery.id)) continue;
      this.inFlight.add(delivery.id);
      const attempt: Promise<void> = this.attempt(delivery).finally(() => {
        this.attempts.delete(attempt);
        this.kick();
      });
      this.attempts.add(attempt);
    }
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const { signer, clock, outbox, metrics } = this.deps;
    const result = await sendDelivery(delivery, signer, clock, this.stopping.signal);
    // From here on the outbox's lease, not this set, keeps others from sending it.
    this.inFlight.delete(delivery.id);
    if (this.stopping.signal.aborted) return;
    try {
      if (result.ok) {
        await outbox.complete(delivery);
        metrics.delivered.inc();
        return;
      }
      await this.failed(delivery, result.reason);
      metrics.attemptsFailed.inc();
    } catch (err) {
      this.deps.logger.warn(
        { err, doc: delivery.docName },
        'updating the webhook outbox failed; the delivery is retried',
      );
    }
  }

  private async failed(delivery: Delivery, reason: string): Promise<void> {
    const { outbox, clock, logger, metrics } = this.deps;
    const failures = delivery.attempts + 1;
    const delay = retryDelayMs(failures);
    // The URL's origin only: a path or query may carry the receiver's own secret.
    const fields = { doc: delivery.docName, target: originOf(delivery.target), id: delivery.msgId, attempts: failures };
    if (delay === undefined) {
      await outbox.complete(delivery);
      metrics.failed.inc();
      logger.error({ ...fields, reason }, 'webhook delivery dropped: the receiver failed for about an hour');
      return;
    }
    logger.warn({ ...fields, reason, retryInMs: delay }, 'webhook delivery failed; retrying');
    await outbox.retry(delivery, clock.now() + delay);
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid URL';
  }
}
