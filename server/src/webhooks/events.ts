import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { VersionInfo } from '@quire/shared';
import type { WebhookOutbox } from '../storage/webhook-outbox.js';
import type { Clock } from '../util/clock.js';
import { OutboxFeeder } from './outbox-feeder.js';

/**
 * The events Quire tells webhook receivers about (SPEC: Webhooks). Each event becomes one
 * delivery per target URL in the outbox, enqueued in the order the events happened here:
 * enqueues run one after another, so a document's `document.created` is stored before its
 * first `document.changed`. While the outbox cannot store events they wait in memory, in
 * order, up to a bound (outbox-feeder.ts).
 */
export type WebhookEventType =
  'document.created' | 'document.changed' | 'document.deleted' | 'version.created' | 'comment.created';

export interface ChangedData {
  size: number;
  updatedAt: string;
  /** `sub`s of the users who changed the document since the previous event. */
  users: string[];
}

/** What `comment.created` carries besides the document's name. */
export interface CommentCreatedData {
  threadId: string;
  commentId: string;
  author: { sub: string; name?: string };
  body: string;
}

/** The calls that produce events; the comments code calls `commentCreated`. */
export interface DocEvents {
  created(docName: string): void;
  changed(docName: string, data: ChangedData): void;
  deleted(docName: string): void;
  versionCreated(docName: string, version: VersionInfo): void;
  commentCreated(docName: string, data: CommentCreatedData): void;
}

/** For servers without webhooks. */
export const NO_EVENTS: DocEvents = {
  created: () => undefined,
  changed: () => undefined,
  deleted: () => undefined,
  versionCreated: () => undefined,
  commentCreated: () => undefined,
};

export interface EventWriterDeps {
  outbox: WebhookOutbox;
  targets: readonly string[];
  clock: Clock;
  logger: Logger;
  /** Called once an event is in the outbox (the dispatcher sends it at once). */
  onEnqueued(): void;
  /** Called for events dropped while the outbox could not store them (see outbox-feeder.ts). */
  onDropped?(count: number): void;
  /** How many events may wait in memory for the outbox (default MAX_HELD_EVENTS). */
  maxHeld?: number;
}

export class EventWriter implements DocEvents {
  private readonly feeder: OutboxFeeder;

  constructor(private readonly deps: EventWriterDeps) {
    this.feeder = new OutboxFeeder({
      outbox: deps.outbox,
      clock: deps.clock,
      logger: deps.logger,
      onStored: () => deps.onEnqueued(),
      onDropped: deps.onDropped,
      maxHeld: deps.maxHeld,
    });
  }

  /** Events waiting in memory for the outbox. */
  get heldCount(): number {
    return this.feeder.heldCount;
  }

  created(docName: string): void {
    this.emit('document.created', docName, {});
  }

  changed(docName: string, data: ChangedData): void {
    this.emit('document.changed', docName, { ...data });
  }

  deleted(docName: string): void {
    this.emit('document.deleted', docName, {});
  }

  versionCreated(docName: string, version: VersionInfo): void {
    this.emit('version.created', docName, { version });
  }

  commentCreated(docName: string, data: CommentCreatedData): void {
    this.emit('comment.created', docName, { ...data });
  }

  /** Resolves once every event emitted so far is stored (or dropped). */
  settled(): Promise<void> {
    return this.feeder.settled();
  }

  /** Stores what is held, waiting up to `waitMs` for the outbox; drops the rest. */
  close(waitMs: number): Promise<void> {
    return this.feeder.close(waitMs);
  }

  private emit(type: WebhookEventType, docName: string, data: Record<string, unknown>): void {
    const { targets, clock } = this.deps;
    const now = clock.now();
    const body = JSON.stringify({ type, timestamp: new Date(now).toISOString(), data: { name: docName, ...data } });
    const msgId = `msg_${randomUUID().replaceAll('-', '')}`;
    const deliveries = targets.map((target) => ({ target, docName, msgId, body }));
    this.feeder.add({ docName, type, deliveries, now });
  }
}
