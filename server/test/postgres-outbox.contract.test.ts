import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { openPool } from '../src/storage/postgres/pg-connection.js';
import { PgOutbox } from '../src/storage/postgres/pg-outbox.js';
import { openMigratedPool } from '../src/storage/postgres/schema.js';
import { webhookOutboxContract } from './contracts/webhook-outbox.contract.js';
import { HAS_POSTGRES, startPostgres, type TestPostgres } from './helpers.js';

/**
 * The webhook outbox contract on a real Postgres (`--postgres`, alone or behind Redis: both
 * keep the outbox there). Each instance is its own pool, as each server process has one.
 */
let postgres: TestPostgres | undefined;
let url = '';
const T0 = 1_700_000_000_000;

beforeAll(async () => {
  if (!HAS_POSTGRES) return;
  postgres = await startPostgres();
  url = await postgres.newDatabase();
  await (await openMigratedPool(url, () => undefined)).end();
});
afterAll(async () => {
  await postgres?.remove();
});

if (HAS_POSTGRES) {
  webhookOutboxContract('Postgres', async () => {
    const pools: pg.Pool[] = [];
    const open = (): PgOutbox => {
      const pool = openPool(url, () => undefined);
      pools.push(pool);
      return new PgOutbox(pool);
    };
    const outbox = open();
    await pools[0]!.query('TRUNCATE quire_outbox');
    return {
      outbox,
      reopen: async () => {
        await pools.shift()!.end();
        return open();
      },
      openPeer: () => Promise.resolve(open()),
      close: async () => {
        for (const pool of pools) await pool.end();
      },
    };
  });
}

describe.skipIf(!HAS_POSTGRES)('Postgres outbox under contention', () => {
  it('hands each delivery to one of several instances claiming at once, in small batches', async () => {
    const pools = Array.from({ length: 4 }, () => openPool(url, () => undefined));
    try {
      await pools[0]!.query('TRUNCATE quire_outbox');
      const outboxes = pools.map((pool) => new PgOutbox(pool));
      const count = 200;
      const deliveries = Array.from({ length: count }, (_, n) => ({
        target: 'http://receiver.test/hook',
        docName: `doc-${n}`,
        msgId: `msg_${n}`,
        body: '{}',
      }));
      await outboxes[0]!.enqueue(deliveries, T0);
      const claimed: string[] = [];
      const drain = async (outbox: PgOutbox): Promise<void> => {
        for (;;) {
          const batch = await outbox.claimDue(T0, 5, 60_000);
          if (batch.length === 0) return;
          claimed.push(...batch.map((d) => d.msgId));
        }
      };
      await Promise.all(outboxes.map(drain));
      expect(claimed.sort()).toEqual(deliveries.map((d) => d.msgId).sort());
    } finally {
      for (const pool of pools) await pool.end();
    }
  });
});
