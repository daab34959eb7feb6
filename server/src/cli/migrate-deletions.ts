import type pg from 'pg';
import * as Y from 'yjs';
import type { DocStore } from '../storage/doc-store.js';
import { asBuffer, inTransaction, query } from '../storage/postgres/pg-connection.js';
import { deleteDocRows, readDeletedClocks } from '../storage/postgres/pg-records.js';
import { readState } from '../storage/postgres/pg-state.js';

/**
 * `quire migrate` copies deletion records too (SPEC: Cluster mode; HTTP, delete): a record
 * holds, per Yjs client, the clock up to which deleting the name removed content, so that an
 * old copy coming back (a browser's offline copy) cannot bring the deleted text back into
 * the new store. A record is merged into the one Postgres may hold (the higher clock of each
 * client), so a second run changes nothing. A document deleted in the source but still in
 * Postgres (copied by an earlier run) is removed there too when everything Postgres holds of
 * it is deleted content; content written in Postgres since then stays.
 */
export interface DeletionSource {
  deletedNames(): Promise<string[]>;
}

/** Copies every deletion record of `store`; returns how many. `live`: names the source still holds. */
export async function copyDeletions(
  store: DocStore & DeletionSource,
  pool: pg.Pool,
  live: ReadonlySet<string>,
): Promise<number> {
  const names = await store.deletedNames();
  for (const name of names) {
    const clocks = await store.deletedClocks(name);
    if (clocks !== undefined) await mergeDeletion(pool, name, clocks, !live.has(name));
  }
  return names.length;
}

async function mergeDeletion(pool: pg.Pool, docName: string, clocks: Uint8Array, isGone: boolean): Promise<void> {
  const what = `cannot copy the deletion record of "${docName}"`;
  await inTransaction(pool, what, async (client) => {
    await query(client, 'SELECT 1 FROM quire_docs WHERE name = $1 FOR UPDATE', [docName], what);
    const merged = mergeClocks(await readDeletedClocks(client, docName), clocks);
    const stored = await readState(client, docName);
    if (isGone && stored.updates.length > 0 && stored.updates.every((update) => isCovered(update, merged))) {
      await deleteDocRows(client, docName, merged);
      return;
    }
    await query(
      client,
      `INSERT INTO quire_deleted (name, clocks) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET clocks = EXCLUDED.clocks`,
      [docName, asBuffer(merged)],
      what,
    );
  });
}

/** The higher clock of each client of two encoded state vectors. */
function mergeClocks(stored: Uint8Array | undefined, copied: Uint8Array): Uint8Array {
  const clocks = stored === undefined ? new Map<number, number>() : Y.decodeStateVector(stored);
  for (const [client, clock] of Y.decodeStateVector(copied)) {
    if (clock > (clocks.get(client) ?? 0)) clocks.set(client, clock);
  }
  return Y.encodeStateVector(clocks);
}

/** Whether all of `update`'s content lies below the deleted clocks. */
function isCovered(update: Uint8Array, deleted: Uint8Array): boolean {
  const clocks = Y.decodeStateVector(deleted);
  for (const [client, clock] of Y.parseUpdateMeta(update).to) {
    if (clock > (clocks.get(client) ?? 0)) return false;
  }
  return true;
}
