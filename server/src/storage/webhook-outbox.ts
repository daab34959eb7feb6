/**
 * The webhook outbox contract (SPEC: Webhooks): deliveries waiting to be sent, kept in the
 * store the documents live in, so a restart or `kill -9` loses none. Every store offers one
 * (LevelDB, Redis, and any later one such as Postgres); `server/test/contracts/
 * webhook-outbox.contract.ts` checks it.
 *
 * A delivery is one event for one target URL. Deliveries of the same queue (target and
 * document) are sent in the order they were enqueued: only the oldest pending delivery of a
 * queue is ever handed out, and the next one only once it is completed (delivered or
 * dropped). Across instances sharing the storage, a claimed delivery is handed to no other
 * caller until its lease runs out, so each is sent by one instance at a time; a lease that
 * runs out (the instance died mid-delivery) makes it due again: at least once.
 */
export interface NewDelivery {
  /** The URL it goes to. */
  target: string;
  docName: string;
  /** The `webhook-id` header: the same on every retry. */
  msgId: string;
  /** The JSON event, exactly as sent. */
  body: string;
}

export interface Delivery extends NewDelivery {
  /** The outbox's id for it; ids sort in enqueue order. */
  id: string;
  /** Failed attempts so far. */
  attempts: number;
  /** Not to be sent before this time (ms since the epoch). */
  dueAt: number;
}

export interface WebhookOutbox {
  /**
   * Stores `deliveries` (due at `now`) atomically and durably: resolved means a crash loses
   * none of them. Each queues behind earlier deliveries of its target and document.
   */
  enqueue(deliveries: NewDelivery[], now: number): Promise<void>;
  /**
   * Claims up to `limit` deliveries for `leaseMs`: the oldest pending delivery of each queue,
   * if it is due at `now` and nobody holds a live lease on it. Oldest first.
   */
  claimDue(now: number, limit: number, leaseMs: number): Promise<Delivery[]>;
  /** Removes a claimed delivery (delivered, or given up); its queue's next one may go. */
  complete(delivery: Delivery): Promise<void>;
  /** A claimed delivery failed: stores `attempts + 1` and `dueAt`, and lets go of the lease. */
  retry(delivery: Delivery, dueAt: number): Promise<void>;
  /** How many deliveries are stored, claimed or not. */
  pendingCount(): Promise<number>;
}
