import type pg from 'pg';
import type { Delivery, NewDelivery, WebhookOutbox } from '../webhook-outbox.js';
import { inTransaction, query } from './pg-connection.js';

/**
 * The webhook outbox in Postgres (SPEC: Webhooks, Cluster mode with `--postgres`): one row
 * of `quire_outbox` per delivery, shared by every instance on the database. Times (due_at,
 * lease_until) are ms from the server's clock, as the WebhookOutbox contract passes them.
 *
 * Order: enqueues take a transaction-scoped advisory lock, so ids are handed out in commit
 * order; a claim that sees a delivery therefore sees every older one of its queue, and the
 * head of a queue is the visible row with no older row of the same target and document.
 *
 * One claimer per delivery: the claim locks the rows it picks `FOR UPDATE SKIP LOCKED` and
 * sets their lease in the same statement. A row another instance is claiming is skipped;
 * one it claimed meanwhile is re-checked on its new version, whose lease now holds.
 */
const ENQUEUE_LOCK = 0x51756f78;

const ENQUEUE_SQL = `
  INSERT INTO quire_outbox (target, doc, msg_id, body, due_at)
  SELECT target, doc, msg_id, body, $5::bigint
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS d(target, doc, msg_id, body, n)
  ORDER BY n`;

/** $1 now, $2 limit, $3 lease ms. */
const CLAIM_SQL = `
  WITH picked AS (
    SELECT o.id FROM quire_outbox o
    WHERE o.due_at <= $1::bigint AND o.lease_until <= $1::bigint
      AND NOT EXISTS (
        SELECT 1 FROM quire_outbox older
        WHERE older.target = o.target AND older.doc = o.doc AND older.id < o.id
      )
    ORDER BY o.id
    LIMIT $2::integer
    FOR UPDATE OF o SKIP LOCKED
  )
  UPDATE quire_outbox o SET lease_until = $1::bigint + $3::bigint
  FROM picked WHERE o.id = picked.id
  RETURNING o.id, o.target, o.doc, o.msg_id, o.body, o.attempts, o.due_at`;

interface OutboxRow {
  id: string;
  target: string;
  doc: string;
  msg_id: string;
  body: string;
  attempts: number;
  due_at: string;
}

export class PgOutbox implements WebhookOutbox {
  constructor(private readonly pool: pg.Pool) {}

  async enqueue(deliveries: NewDelivery[], now: number): Promise<void> {
    if (deliveries.length === 0) return;
    const columns = [
      deliveries.map((d) => d.target),
      deliveries.map((d) => d.docName),
      deliveries.map((d) => d.msgId),
      deliveries.map((d) => d.body),
    ];
    const what = 'cannot store webhook deliveries';
    await inTransaction(this.pool, what, async (client) => {
      await query(client, 'SELECT pg_advisory_xact_lock($1)', [ENQUEUE_LOCK], what);
      await query(client, ENQUEUE_SQL, [...columns, now], what);
    });
  }

  async claimDue(now: number, limit: number, leaseMs: number): Promise<Delivery[]> {
    const rows = await query<OutboxRow>(this.pool, CLAIM_SQL, [now, limit, leaseMs], 'cannot claim webhook deliveries');
    return rows.map(toDelivery).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async complete(delivery: Delivery): Promise<void> {
    await query(this.pool, 'DELETE FROM quire_outbox WHERE id = $1', [delivery.id], 'cannot remove a webhook delivery');
  }

  async retry(delivery: Delivery, dueAt: number): Promise<void> {
    await query(
      this.pool,
      'UPDATE quire_outbox SET attempts = $2, due_at = $3, lease_until = 0 WHERE id = $1',
      [delivery.id, delivery.attempts + 1, dueAt],
      'cannot reschedule a webhook delivery',
    );
  }

  async pendingCount(): Promise<number> {
    const [row] = await query<{ count: string }>(
      this.pool,
      'SELECT count(*) AS count FROM quire_outbox',
      [],
      'cannot count webhook deliveries',
    );
    return Number(row?.count ?? 0);
  }
}

/** Ids are bigints; zero-padded to 19 digits (any bigint), they sort as strings in id order. */
function toDelivery(row: OutboxRow): Delivery {
  return {
    id: row.id.padStart(19, '0'),
    target: row.target,
    docName: row.doc,
    msgId: row.msg_id,
    body: row.body,
    attempts: row.attempts,
    dueAt: Number(row.due_at),
  };
}
