import type pg from 'pg';
import type { FileInfo, StoredFile } from '../doc-store.js';
import { asBuffer, query } from './pg-connection.js';

/**
 * A document's uploaded files in `quire_files` (SPEC: Files (images)), the same with or
 * without Redis in front: Postgres is their system of record either way.
 */
type Db = pg.Pool | pg.PoolClient;

interface FileRow {
  id: string;
  type: string;
  size: number;
  stored_at: string;
}

const infoOf = (row: FileRow): FileInfo => ({
  id: row.id,
  type: row.type,
  size: Number(row.size),
  storedAt: Number(row.stored_at),
});

/** Stores the bytes; the same id again only refreshes the metadata (content-addressed). */
export async function putFileRow(db: Db, docName: string, info: FileInfo, bytes: Uint8Array): Promise<void> {
  await query(
    db,
    `INSERT INTO quire_files (doc, id, type, bytes, stored_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (doc, id) DO UPDATE SET type = EXCLUDED.type, stored_at = EXCLUDED.stored_at`,
    [docName, info.id, info.type, asBuffer(bytes), info.storedAt],
    `cannot store a file of "${docName}"`,
  );
}

export async function readFileRow(db: Db, docName: string, id: string): Promise<StoredFile | undefined> {
  const rows = await query<FileRow & { bytes: Buffer }>(
    db,
    'SELECT id, type, octet_length(bytes) AS size, stored_at, bytes FROM quire_files WHERE doc = $1 AND id = $2',
    [docName, id],
    `cannot read a file of "${docName}"`,
  );
  const row = rows[0];
  return row === undefined ? undefined : { info: infoOf(row), bytes: new Uint8Array(row.bytes) };
}

export async function listFileRows(db: Db, docName: string): Promise<FileInfo[]> {
  const rows = await query<FileRow>(
    db,
    'SELECT id, type, octet_length(bytes) AS size, stored_at FROM quire_files WHERE doc = $1 ORDER BY id COLLATE "C"',
    [docName],
    `cannot list the files of "${docName}"`,
  );
  return rows.map(infoOf);
}

export async function deleteFileRows(db: Db, docName: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await query(
    db,
    'DELETE FROM quire_files WHERE doc = $1 AND id = ANY($2::text[])',
    [docName, [...ids]],
    `cannot delete files of "${docName}"`,
  );
}
