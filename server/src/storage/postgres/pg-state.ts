import type pg from 'pg';
import * as Y from 'yjs';
import { asBuffer, inTransaction, query } from './pg-connection.js';

/**
 * A document's compacted state in Postgres when Redis streams carry its recent updates
 * (SPEC: Cluster mode, `--redis` with `--postgres`). `quire_docs.state` holds everything
 * up to the stream id `stream_upto`; whatever came later is in the Redis stream. Folding
 * updates in merges them with what is stored, under the row's lock, so two instances
 * folding at once never lose each other's work; Yjs updates are idempotent, so folding an
 * update the state already holds changes nothing.
 */
export interface StoredState {
  /** The compacted state, then any log rows left by `--postgres` alone, oldest first. */
  updates: Uint8Array[];
  /** Stream id the state covers ('0-0' if none). */
  streamUpto: string;
  /** Whether log rows of `--postgres` alone follow the state. */
  hasLog: boolean;
  bytes: number;
}

const READ_SQL = `
  SELECT -1::bigint AS seq, state AS data, stream_upto FROM quire_docs WHERE name = $1 AND state IS NOT NULL
  UNION ALL
  SELECT seq, data, NULL FROM quire_updates WHERE doc = $1
  ORDER BY seq`;

export async function readState(db: pg.Pool | pg.PoolClient, docName: string): Promise<StoredState> {
  const rows = await query<{ seq: string; data: Buffer; stream_upto: string | null }>(
    db,
    READ_SQL,
    [docName],
    `cannot read document "${docName}"`,
  );
  const updates = rows.map((row) => new Uint8Array(row.data));
  return {
    updates,
    streamUpto: rows[0]?.stream_upto ?? '0-0',
    hasLog: rows.some((row) => row.seq !== '-1'),
    bytes: updates.reduce((sum, update) => sum + update.byteLength, 0),
  };
}

/** Whether stream id `a` comes after `b` ("ms-seq"). */
function isLater(a: string, b: string): boolean {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs !== bMs ? aMs > bMs : aSeq > bSeq;
}

/** One update from the stream, or a compacted state covering the stream up to `id`. */
export interface StreamUpdate {
  id: string;
  update: Uint8Array;
}

/**
 * Merges the updates that come after what the stored state covers into it, in one
 * transaction, and moves `stream_upto` to the last of them; log rows of `--postgres`
 * alone are folded in and removed. Writes nothing when there is nothing new.
 */
export async function foldIntoState(
  pool: pg.Pool,
  docName: string,
  updates: StreamUpdate[],
  changedAt: Date,
): Promise<void> {
  if (updates.length === 0) return;
  const what = `cannot store "${docName}" in Postgres`;
  await inTransaction(pool, what, async (client) => {
    const { stored, isNew } = await lockState(client, docName, changedAt, what);
    const fresh = updates.filter((entry) => isLater(entry.id, stored.streamUpto));
    if (fresh.length === 0 && !stored.hasLog) {
      // Nothing to add; a row made just now for the lock would list a document that is not there.
      if (isNew) await query(client, 'DELETE FROM quire_docs WHERE name = $1', [docName], what);
      return;
    }
    const merged = [...stored.updates, ...fresh.map((entry) => entry.update)];
    const state = merged.length === 1 ? merged[0]! : Y.mergeUpdates(merged);
    await query(
      client,
      `UPDATE quire_docs SET state = $2, stream_upto = $3, bytes = $4, updated_at = GREATEST(updated_at, $5)
       WHERE name = $1`,
      [docName, asBuffer(state), fresh.at(-1)?.id ?? stored.streamUpto, state.byteLength, changedAt],
      what,
    );
    await query(client, 'DELETE FROM quire_updates WHERE doc = $1', [docName], what);
  });
}

/**
 * Merges a document brought from another store (`quire migrate`) into what Postgres holds
 * of it, in one transaction. Merging makes a second run change nothing, and keeps edits
 * made in Postgres since the first.
 */
export function importIntoState(pool: pg.Pool, docName: string, updates: Uint8Array[], changedAt: Date): Promise<void> {
  const what = `cannot import "${docName}" into Postgres`;
  return inTransaction(pool, what, async (client) => {
    const { stored } = await lockState(client, docName, changedAt, what);
    const state = Y.mergeUpdates([...stored.updates, ...updates]);
    await query(
      client,
      'UPDATE quire_docs SET state = $2, bytes = $3, updated_at = GREATEST(updated_at, $4) WHERE name = $1',
      [docName, asBuffer(state), state.byteLength, changedAt],
      what,
    );
    await query(client, 'DELETE FROM quire_updates WHERE doc = $1', [docName], what);
  });
}

/**
 * Locks the document's row until the transaction ends (creating it if needed: `isNew`),
 * and reads it.
 */
async function lockState(
  client: pg.PoolClient,
  docName: string,
  changedAt: Date,
  what: string,
): Promise<{ stored: StoredState; isNew: boolean }> {
  const created = await query(
    client,
    'INSERT INTO quire_docs (name, updated_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING name',
    [docName, changedAt],
    what,
  );
  await query(client, 'SELECT 1 FROM quire_docs WHERE name = $1 FOR UPDATE', [docName], what);
  return { stored: await readState(client, docName), isNew: created.length > 0 };
}
