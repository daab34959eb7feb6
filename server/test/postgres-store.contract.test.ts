import { afterAll, beforeAll } from 'vitest';
import { NO_OBSERVER } from '../src/storage/doc-store.js';
import { openPool } from '../src/storage/postgres/pg-connection.js';
import { PgStore } from '../src/storage/postgres/pg-store.js';
import { migrate } from '../src/storage/postgres/schema.js';
import { docStoreContract } from './contracts/doc-store.contract.js';
import { HAS_POSTGRES, startPostgres, type TestPostgres } from './helpers.js';

/** The DocStore contract (STYLE §7) on a real Postgres: `--postgres` without Redis. */
let postgres: TestPostgres | undefined;
let url = '';

beforeAll(async () => {
  if (!HAS_POSTGRES) return;
  postgres = await startPostgres();
  url = await postgres.newDatabase();
  const pool = openPool(url, () => undefined);
  await migrate(pool);
  await pool.end();
});
afterAll(async () => {
  await postgres?.remove();
});

if (HAS_POSTGRES) {
  docStoreContract(
    'Postgres',
    async () => {
      const pool = openPool(url, () => undefined);
      const store = new PgStore(pool, {
        observer: NO_OBSERVER,
        onUnreachable: () => undefined,
        onReachable: () => undefined,
      });
      return {
        store,
        breakStorage: () => pool.end(),
        close: () => store.close(),
      };
    },
    { sharesStorage: false },
  );
}
