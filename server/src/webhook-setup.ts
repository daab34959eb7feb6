import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { ServerOptions } from '@quire/shared';
import { Connection } from './rooms/connection.js';
import type { Room } from './rooms/room.js';
import { API_ORIGIN, ApiUserOrigin } from './documents/doc-service.js';
import { COMMENTS_ORIGIN } from './documents/comment-service.js';
import { watchNewComments } from './webhooks/comment-events.js';
import type { Storage } from './open-storage.js';
import { createWebhookMetrics } from './observability/webhook-metrics.js';
import { ChangeBursts } from './webhooks/change-bursts.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';
import { EventWriter, NO_EVENTS, type DocEvents } from './webhooks/events.js';
import type { Clock } from './util/clock.js';

/**
 * Wires webhooks into a server (SPEC: Webhooks): document events from the rooms and the
 * document service go into the store's outbox, and the dispatcher sends them. Only changes
 * made on this instance (by its connections or its HTTP API) are reported here; another
 * instance reports its own, so each change is reported once.
 */
export interface Webhooks {
  events: DocEvents;
  /** A batch of the room's changes reached the disk (see `RoomDeps.onDurableChange`). */
  onDurableChange(room: Room, origins: unknown[]): void;
  /** A document was loaded: its new comments become `comment.created` events. */
  onLoaded(room: Room): void;
  /** Sends pending change bursts to the outbox and stops sending. */
  close(): Promise<void>;
}

const DISABLED: Webhooks = {
  events: NO_EVENTS,
  onDurableChange: () => undefined,
  onLoaded: () => undefined,
  close: () => Promise.resolve(),
};

export interface WebhookSetup {
  options: ServerOptions;
  storage: Storage;
  clock: Clock;
  logger: Logger;
  registry: Registry;
}

/** How long a stopping server waits for the outbox to take events it holds in memory. */
const CLOSE_WAIT_MS = 10_000;

export async function startWebhooks({ options, storage, clock, logger, registry }: WebhookSetup): Promise<Webhooks> {
  if (options.webhookUrls.length === 0 || options.webhookSecret === undefined) return DISABLED;
  const log = logger.child({ module: 'webhooks' });
  const outbox = await storage.openOutbox();
  // The writer is made after the metrics, which read how many events it holds.
  const made: { writer?: EventWriter } = {};
  const metrics = createWebhookMetrics(
    registry,
    () => outbox.pendingCount(),
    () => made.writer?.heldCount ?? 0,
  );
  // The signer's library is loaded only when webhooks are on (an idle server's memory, #21).
  const { Webhook } = await import('standardwebhooks');
  const dispatcher = new WebhookDispatcher({
    outbox,
    signer: new Webhook(options.webhookSecret),
    clock,
    logger: log,
    metrics,
  });
  const writer = (made.writer = new EventWriter({
    outbox,
    targets: options.webhookUrls,
    clock,
    logger: log,
    onEnqueued: () => dispatcher.kick(),
    onDropped: (count) => metrics.eventsDropped.inc(count),
  }));
  dispatcher.start();
  log.info({ targets: options.webhookUrls.length }, 'webhooks on');
  return webhooksOf(writer, dispatcher, options, clock);
}

/** The server's side of the webhooks: events, and the change bursts that become `document.changed`. */
function webhooksOf(
  writer: EventWriter,
  dispatcher: WebhookDispatcher,
  options: ServerOptions,
  clock: Clock,
): Webhooks {
  const bursts = new ChangeBursts({
    clock,
    debounceMs: options.webhookDebounceMs,
    report: (docName, data) => writer.changed(docName, data),
  });
  const events: DocEvents = {
    ...bindAll(writer),
    deleted: (docName) => {
      bursts.forget(docName);
      writer.deleted(docName);
    },
  };
  return {
    events,
    onDurableChange: (room, origins) => {
      const local = origins.filter(isLocalChange);
      if (local.length === 0) return;
      const users = local.flatMap(userOf);
      bursts.record(room.docName, users, () => Y.encodeStateAsUpdate(room.doc).byteLength);
    },
    onLoaded: (room) => watchNewComments(room.doc, isLocalComment, (data) => events.commentCreated(room.docName, data)),
    close: async () => {
      bursts.flushAll();
      await writer.close(CLOSE_WAIT_MS);
      await dispatcher.stop();
    },
  };
}

/** Changes by this instance's connections and HTTP API; not other instances', not seeds. */
function isLocalChange(origin: unknown): boolean {
  return origin instanceof Connection || origin instanceof ApiUserOrigin || origin === API_ORIGIN;
}

/** Comments by this instance's connections, HTTP API or comments API. */
function isLocalComment(origin: unknown): boolean {
  return isLocalChange(origin) || origin === COMMENTS_ORIGIN;
}

/** Who made a change, when known: the connection's or the API caller's `sub`. */
function userOf(origin: unknown): string[] {
  if (origin instanceof ApiUserOrigin) return [origin.sub];
  return origin instanceof Connection && origin.user ? [origin.user.sub] : [];
}

function bindAll(writer: EventWriter): DocEvents {
  return {
    created: (docName) => writer.created(docName),
    changed: (docName, data) => writer.changed(docName, data),
    deleted: (docName) => writer.deleted(docName),
    versionCreated: (docName, version) => writer.versionCreated(docName, version),
    commentCreated: (docName, data) => writer.commentCreated(docName, data),
  };
}
