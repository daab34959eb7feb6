import pg from 'pg';
import { StorageError } from '../../errors.js';

/**
 * The Postgres connection pool and what its failures mean (SPEC: Cluster mode). A pool
 * whose idle connection breaks emits 'error'; without a listener that would crash the
 * process, so the pool always gets one. Failures that mean "Postgres is away for now"
 * (refused or dropped connections, a server shutting down) are told apart from the rest,
 * so writes can wait for Postgres to return instead of failing the document.
 */
export type PgPool = pg.Pool;

export function openPool(url: string, onError: (err: Error) => void): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 5_000 });
  pool.on('error', onError);
  return pool;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'EAI_AGAIN']);
const CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;

/** Whether `err` says Postgres cannot be reached right now (worth retrying), not that a statement failed. */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err instanceof StorageError) return isConnectionError(err.cause);
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (CONNECTION_CODES.has(code)) return true;
    // SQLSTATE class 08 (connection exception), 57P01-57P03 (shutting down, starting up).
    if (code.startsWith('08') || /^57P0[123]$/.test(code)) return true;
  }
  return CONNECTION_MESSAGES.test(err.message);
}

/** Runs one statement; any failure becomes a StorageError saying what could not be done. */
export async function query<R extends pg.QueryResultRow>(
  db: pg.Pool | pg.PoolClient,
  sql: string,
  params: unknown[],
  what: string,
): Promise<R[]> {
  try {
    return (await db.query<R>(sql, params)).rows;
  } catch (err) {
    throw new StorageError(what, { cause: err });
  }
}

/** Runs `work` in one transaction on one connection of the pool: all of it, or nothing. */
export async function inTransaction<T>(
  pool: pg.Pool,
  what: string,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw new StorageError(what, { cause: err });
  }
  let isBroken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => (isBroken = true));
    throw err instanceof StorageError ? err : new StorageError(what, { cause: err });
  } finally {
    client.release(isBroken);
  }
}

/** A Uint8Array as a Buffer over the same bytes (what pg sends as bytea). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
