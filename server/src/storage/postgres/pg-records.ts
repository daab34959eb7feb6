import type pg from 'pg';
import type { DocInfo, VersionInfo } from '@quire/shared';
import { asBuffer, query } from './pg-connection.js';

/**
 * What the Postgres stores keep beside the live logs, the same with or without Redis
 * (SPEC: HTTP, versions and delete; Cluster mode): the document rows as listed, named
 * versions, deletion records, and the removal of a document with everything it owns.
 */
type Db = pg.Pool | pg.PoolClient;

export async function listDocRows(db: Db): Promise<DocInfo[]> {
  const rows = await query<{ name: string; bytes: string; updated_at: Date }>(
    db,
    'SELECT name, bytes, updated_at FROM quire_docs',
    [],
    'cannot list documents',
  );
  return rows.map((row) => ({ name: row.name, size: Number(row.bytes), updatedAt: row.updated_at.toISOString() }));
}

export async function hasDocRow(db: Db, docName: string): Promise<boolean> {
  const rows = await query(db, 'SELECT 1 FROM quire_docs WHERE name = $1', [docName], `cannot read "${docName}"`);
  return rows.length > 0;
}

export async function readDeletedClocks(db: Db, docName: string): Promise<Uint8Array | undefined> {
  const rows = await query<{ clocks: Buffer }>(
    db,
    'SELECT clocks FROM quire_deleted WHERE name = $1',
    [docName],
    `cannot read "${docName}"`,
  );
  return rows[0] === undefined ? undefined : new Uint8Array(rows[0].clocks);
}

/**
 * Removes the document, its log, versions and files, and records `deletedClocks`; run it
 * inside a transaction so all of it happens at once.
 */
export async function deleteDocRows(client: pg.PoolClient, docName: string, deletedClocks: Uint8Array): Promise<void> {
  const what = `cannot delete "${docName}"`;
  for (const table of ['quire_updates', 'quire_versions', 'quire_files']) {
    await query(client, `DELETE FROM ${table} WHERE doc = $1`, [docName], what);
  }
  await query(client, 'DELETE FROM quire_docs WHERE name = $1', [docName], what);
  await query(
    client,
    `INSERT INTO quire_deleted (name, clocks) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET clocks = EXCLUDED.clocks`,
    [docName, asBuffer(deletedClocks)],
    what,
  );
}

export async function putVersionRow(db: Db, docName: string, version: VersionInfo, state: Uint8Array): Promise<void> {
  await query(
    db,
    `INSERT INTO quire_versions (doc, id, info, state) VALUES ($1, $2, $3, $4)
     ON CONFLICT (doc, id) DO UPDATE SET info = EXCLUDED.info, state = EXCLUDED.state`,
    [docName, version.id, JSON.stringify(version), asBuffer(state)],
    `cannot save a version of "${docName}"`,
  );
}

export async function listVersionRows(db: Db, docName: string): Promise<VersionInfo[]> {
  const rows = await query<{ info: VersionInfo }>(
    db,
    'SELECT info FROM quire_versions WHERE doc = $1 ORDER BY id COLLATE "C"',
    [docName],
    `cannot list versions of "${docName}"`,
  );
  return rows.map((row) => row.info);
}

export async function readVersionRow(
  db: Db,
  docName: string,
  versionId: string,
): Promise<{ info: VersionInfo; state: Uint8Array } | undefined> {
  const rows = await query<{ info: VersionInfo; state: Buffer }>(
    db,
    'SELECT info, state FROM quire_versions WHERE doc = $1 AND id = $2',
    [docName, versionId],
    `cannot read a version of "${docName}"`,
  );
  const row = rows[0];
  return row === undefined ? undefined : { info: row.info, state: new Uint8Array(row.state) };
}
