import type pg from 'pg';
import { StorageError } from '../../errors.js';
import { openPool } from './pg-connection.js';

/**
 * The Postgres schema (SPEC: Cluster mode, `--postgres`), created and migrated at start.
 * Each migration runs once, in its own transaction, and is recorded in
 * `quire_migrations`. Instances starting at the same moment on an empty database take
 * turns through a session advisory lock, so each migration runs exactly once. A later
 * feature adds its tables by appending a migration here; applied ones never change.
 *
 *   quire_docs      one row per stored document: its compacted state, the Redis stream
 *                   id that state covers (with --redis), size and last change
 *   quire_updates   the update log after the state (Postgres alone): doc, seq, update
 *   quire_versions  named versions: JSON metadata and Yjs state
 *   quire_deleted   the state vector of what deletions of a name removed
 *   quire_files     uploaded files, content-addressed per document (sha256 id), stored_at in ms
 *   quire_outbox    pending webhook deliveries: target, doc, msg_id, body (the JSON event
 *                   as sent), attempts, due_at and lease_until (pg-outbox.ts)
 */
interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'documents, logs, versions, deletion records',
    sql: `
      CREATE TABLE quire_docs (
        name text PRIMARY KEY,
        state bytea,
        stream_upto text NOT NULL DEFAULT '0-0',
        bytes bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE quire_updates (
        doc text NOT NULL,
        seq bigint NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (doc, seq)
      );
      CREATE TABLE quire_versions (
        doc text NOT NULL,
        id text NOT NULL,
        info jsonb NOT NULL,
        state bytea NOT NULL,
        PRIMARY KEY (doc, id)
      );
      CREATE TABLE quire_deleted (
        name text PRIMARY KEY,
        clocks bytea NOT NULL
      );`,
  },
  {
    id: 2,
    name: 'files and webhook outbox',
    sql: `
      CREATE TABLE quire_files (
        doc text NOT NULL,
        id text NOT NULL,
        type text NOT NULL,
        bytes bytea NOT NULL,
        stored_at bigint NOT NULL,
        PRIMARY KEY (doc, id)
      );
      CREATE TABLE quire_outbox (
        id bigserial PRIMARY KEY,
        doc text NOT NULL,
        event jsonb NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX quire_outbox_next ON quire_outbox (next_at);`,
  },
  {
    // Migration 2's outbox table was never written to (no Postgres outbox existed yet);
    // this gives it the shape pg-outbox.ts needs. Times are ms since the epoch from the
    // server's clock, like the other stores' outboxes, not Postgres's own clock.
    id: 3,
    name: 'webhook outbox queues and leases',
    sql: `
      ALTER TABLE quire_outbox
        DROP COLUMN event,
        DROP COLUMN next_at,
        ADD COLUMN target text NOT NULL,
        ADD COLUMN msg_id text NOT NULL,
        ADD COLUMN body text NOT NULL,
        ADD COLUMN due_at bigint NOT NULL,
        ADD COLUMN lease_until bigint NOT NULL DEFAULT 0;
      CREATE INDEX quire_outbox_queue ON quire_outbox (target, doc, id);`,
  },
];

/** Any fixed number: every Quire instance takes the same advisory lock while migrating. */
const MIGRATION_LOCK = 0x51756972;

/** Brings the schema up to date; returns the ids of the migrations this call applied. */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw new StorageError(`cannot connect to Postgres: ${(err as Error).message}`, { cause: err });
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      return await applyMissing(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } catch (err) {
    throw err instanceof StorageError ? err : new StorageError('cannot migrate the Postgres schema', { cause: err });
  } finally {
    client.release();
  }
}

async function applyMissing(client: pg.PoolClient): Promise<number[]> {
  await client.query(`CREATE TABLE IF NOT EXISTS quire_migrations (
    id integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const { rows } = await client.query<{ id: number }>('SELECT id FROM quire_migrations');
  const done = new Set(rows.map((row) => row.id));
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (done.has(migration.id)) continue;
    await client.query('BEGIN');
    try {
      await client.query(migration.sql);
      await client.query('INSERT INTO quire_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw new StorageError(`Postgres migration ${migration.id} (${migration.name}) failed`, { cause: err });
    }
    applied.push(migration.id);
  }
  return applied;
}

/** A pool on `url` whose schema is up to date (connects and migrates first). */
export async function openMigratedPool(url: string, onPoolError: (err: Error) => void): Promise<pg.Pool> {
  const pool = openPool(url, onPoolError);
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return pool;
}
