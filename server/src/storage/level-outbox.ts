import type { Level } from 'level';
import { StorageError } from '../errors.js';
import type { BatchOp } from './group-commit.js';
import { OUTBOX_PREFIX, outboxKey, prefixEnd } from './keys.js';
import type { Delivery, NewDelivery, WebhookOutbox } from './webhook-outbox.js';

/**
 * The webhook outbox in LevelDB (one process owns the folder): each delivery is a JSON row
 * under a key in enqueue order, written through the store's group commit (synced), and
 * mirrored in memory so claiming never scans the disk. Leases live in memory only: after a
 * restart nothing is claimed, which is what a restarted single process wants.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class LevelOutbox implements WebhookOutbox {
  /** Every stored delivery by id; ids are keys, so a Map keeps enqueue order once sorted. */
  private readonly rows = new Map<string, Delivery>();
  private readonly leases = new Map<string, number>();

  private constructor(
    private readonly write: (ops: BatchOp[]) => Promise<void>,
    private nextSeq: number,
  ) {}

  static async open(db: Level<string, Uint8Array>, write: (ops: BatchOp[]) => Promise<void>): Promise<LevelOutbox> {
    const stored: Delivery[] = [];
    try {
      for await (const value of db.values({ gte: OUTBOX_PREFIX, lt: prefixEnd(OUTBOX_PREFIX) })) {
        stored.push(JSON.parse(decoder.decode(value)) as Delivery);
      }
    } catch (err) {
      throw new StorageError('cannot read the webhook outbox', { cause: err });
    }
    const last = stored.at(-1);
    const outbox = new LevelOutbox(write, last === undefined ? 0 : parseInt(last.id, 16) + 1);
    for (const delivery of stored) outbox.rows.set(delivery.id, delivery);
    return outbox;
  }

  async enqueue(deliveries: NewDelivery[], now: number): Promise<void> {
    const added = deliveries.map((delivery): Delivery => {
      const id = (this.nextSeq++).toString(16).padStart(16, '0');
      return { ...delivery, id, attempts: 0, dueAt: now };
    });
    await this.write(added.map(putOp));
    for (const delivery of added) this.rows.set(delivery.id, delivery);
  }

  claimDue(now: number, limit: number, leaseMs: number): Promise<Delivery[]> {
    const claimed: Delivery[] = [];
    const seenQueues = new Set<string>();
    for (const delivery of this.rows.values()) {
      if (claimed.length >= limit) break;
      const queue = queueOf(delivery);
      if (seenQueues.has(queue)) continue;
      seenQueues.add(queue);
      if (delivery.dueAt > now || (this.leases.get(delivery.id) ?? 0) > now) continue;
      this.leases.set(delivery.id, now + leaseMs);
      claimed.push({ ...delivery });
    }
    return Promise.resolve(claimed);
  }

  async complete(delivery: Delivery): Promise<void> {
    // Claimed by nobody while the removal is written, however long that takes.
    this.leases.set(delivery.id, Number.POSITIVE_INFINITY);
    try {
      await this.write([{ type: 'del', key: outboxKey(parseInt(delivery.id, 16)) }]);
    } catch (err) {
      this.leases.delete(delivery.id);
      throw err;
    }
    this.rows.delete(delivery.id);
    this.leases.delete(delivery.id);
  }

  async retry(delivery: Delivery, dueAt: number): Promise<void> {
    const updated: Delivery = { ...delivery, attempts: delivery.attempts + 1, dueAt };
    // Memory first (the lease is let go at once): should the write fail, the disk only
    // holds an earlier due time, and the delivery is tried sooner after a restart.
    if (this.rows.has(delivery.id)) this.rows.set(delivery.id, updated);
    this.leases.delete(delivery.id);
    await this.write([putOp(updated)]);
  }

  pendingCount(): Promise<number> {
    return Promise.resolve(this.rows.size);
  }
}

function putOp(delivery: Delivery): BatchOp {
  return { type: 'put', key: outboxKey(parseInt(delivery.id, 16)), value: encoder.encode(JSON.stringify(delivery)) };
}

export function queueOf(delivery: NewDelivery): string {
  return `${delivery.target}\u0000${delivery.docName}`;
}
