import type { Logger } from 'pino';
import type { NewDelivery, WebhookOutbox } from '../storage/webhook-outbox.js';
import type { Clock, Timer } from '../util/clock.js';

/**
 * Puts webhook events into the outbox one after another, in the order they happened
 * (SPEC: Webhooks: in order per document). While the outbox cannot store them (its store,
 * Postgres or Redis, is unreachable) events wait in memory, in order, and are stored once
 * it can again: retried after 100 ms, doubling to once every 5 s. One `error` line when
 * holding starts, one `info` line when storing works again. Memory is bounded: beyond
 * `maxHeld` events, newer ones are dropped (one `error` line per outage, and counted).
 * Held events live in this process only: `kill -9` during an outage loses them, and a
 * shutdown waits a while for the outbox, then drops what it still holds (docs/webhooks.md).
 */
export interface HeldEvent {
  docName: string;
  type: string;
  deliveries: NewDelivery[];
  /** When it happened (ms), the deliveries' first due time. */
  now: number;
}

export interface OutboxFeederDeps {
  outbox: WebhookOutbox;
  clock: Clock;
  logger: Logger;
  /** Called once an event is in the outbox (the dispatcher sends it at once). */
  onStored(): void;
  /** Called for every event dropped (at the bound, or still held at shutdown). */
  onDropped?(count: number): void;
  maxHeld?: number;
}

export const MAX_HELD_EVENTS = 10_000;
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

export class OutboxFeeder {
  private queue: HeldEvent[] = [];
  private isWriting = false;
  private retryTimer: Timer | undefined;
  /** The current wait between retries; 0 while the outbox works. */
  private retryMs = 0;
  /** Events dropped at the bound during the current outage. */
  private droppedNow = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly deps: OutboxFeederDeps) {}

  /** Events waiting to be stored (held in memory). */
  get heldCount(): number {
    return this.queue.length;
  }

  add(event: HeldEvent): void {
    if (this.queue.length >= (this.deps.maxHeld ?? MAX_HELD_EVENTS)) {
      if (this.droppedNow++ === 0) {
        this.deps.logger.error(
          { held: this.queue.length, doc: event.docName, type: event.type },
          'too many webhook events held while the outbox cannot store them: newer events are dropped',
        );
      }
      this.deps.onDropped?.(1);
      return;
    }
    this.queue.push(event);
    this.pump();
  }

  /** Resolves once every event added so far is stored (or dropped). */
  settled(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Tries once more at once, waits up to `waitMs` (real time) for the held events to be
   * stored, then drops what is still held, with one `error` line.
   */
  async close(waitMs: number): Promise<void> {
    if (this.retryTimer !== undefined) {
      this.deps.clock.clear(this.retryTimer);
      this.retryTimer = undefined;
      this.pump();
    }
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    await Promise.race([this.settled(), gaveUp]);
    clearTimeout(timer);
    if (this.queue.length === 0) return;
    this.deps.logger.error({ lost: this.queue.length }, 'webhook events held at shutdown could not be stored; lost');
    this.deps.onDropped?.(this.queue.length);
    this.queue = [];
    this.release();
  }

  private pump(): void {
    if (this.isWriting || this.retryTimer !== undefined) return;
    const head = this.queue[0];
    if (head === undefined) {
      this.release();
      return;
    }
    this.isWriting = true;
    this.deps.outbox.enqueue(head.deliveries, head.now).then(
      () => this.stored(head),
      (err: unknown) => this.failed(err),
    );
  }

  private stored(head: HeldEvent): void {
    this.isWriting = false;
    if (this.queue[0] === head) this.queue.shift();
    if (this.retryMs > 0) {
      this.deps.logger.info(
        { held: this.queue.length, dropped: this.droppedNow },
        'webhook outbox stores events again: storing the held ones',
      );
      this.retryMs = 0;
      this.droppedNow = 0;
    }
    this.deps.onStored();
    this.pump();
  }

  private failed(err: unknown): void {
    this.isWriting = false;
    if (this.queue.length === 0) return; // closed meanwhile: nothing left to retry
    if (this.retryMs === 0) {
      this.deps.logger.error(
        { err, held: this.queue.length },
        'webhook events cannot be stored in the outbox: holding them in memory and retrying',
      );
    }
    this.retryMs = Math.min(Math.max(this.retryMs * 2, FIRST_RETRY_MS), MAX_RETRY_MS);
    this.retryTimer = this.deps.clock.setTimeout(() => {
      this.retryTimer = undefined;
      this.pump();
    }, this.retryMs);
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
