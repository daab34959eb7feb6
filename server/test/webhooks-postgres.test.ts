import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import {
  HAS_POSTGRES,
  HAS_REDIS,
  ManualClock,
  TEST_SECRET,
  docName,
  killProcesses,
  makeToken,
  usePostgres,
  startServerProcess,
  startTestServer,
  useClients,
  useRedis,
  useServers,
  waitFor,
} from './helpers.js';
import { metric, putMarkdown, startReceiver, TEST_WEBHOOK_SECRET, webhookArgs } from './webhook-receiver.js';

/**
 * SPEC: Webhooks and Cluster mode — with `--postgres`, pending webhooks live in Postgres:
 * a server on Postgres alone delivers signed events, keeps what is pending across `kill -9`,
 * and with `--redis` in front the outbox is still in Postgres (Redis carries live traffic).
 */
const postgres = usePostgres();
afterEach(killProcesses);
const servers = useServers();
const receivers = useServers();
const clients = useClients();
const redis = useRedis();

/** Rows in the database's outbox table. */
async function outboxRows(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>('SELECT count(*) AS count FROM quire_outbox');
    return Number(rows[0]!.count);
  } finally {
    await client.end();
  }
}

describe.skipIf(!HAS_POSTGRES)('SPEC: Webhooks on Postgres (--postgres)', () => {
  it('a server on Postgres alone sends a signed document.changed naming who typed', async () => {
    const receiver = receivers.track(await startReceiver());
    const clock = new ManualClock();
    const server = servers.track(
      await startTestServer({
        clock,
        postgresUrl: await postgres.server.newDatabase(),
        authSecret: TEST_SECRET,
        webhookUrls: [receiver.url],
        webhookSecret: TEST_WEBHOOK_SECRET,
        webhookDebounceMs: 2000,
      }),
    );
    const name = docName();
    const token = await makeToken({ sub: 'ada', docs: ['*'], access: 'admin' });
    const ada = clients.connect(server.url.replace(/^http/, 'ws'), name, { params: { token } });
    await ada.synced;
    ada.text.insert(0, 'hello');
    await waitFor(async () => (await metric(server.url, 'quire_webhooks_pending')) === 0, {
      what: 'document.created sent',
    });
    await waitFor(() => receiver.delivered.length === 1, { what: 'document.created' });
    clock.advance(2000);
    const changed = await waitFor(() => receiver.delivered.find((r) => r.event?.type === 'document.changed'), {
      what: 'document.changed',
    });
    // `event` is set only when the Standard Webhooks signature verified.
    expect(changed.event!.data).toMatchObject({ name, users: ['ada'] });
    expect(changed.headers['webhook-signature']).toMatch(/^v1,/);
    expect(receiver.delivered.map((r) => r.event?.type)).toEqual(['document.created', 'document.changed']);
  });

  it('delivers what was pending in Postgres when the server was killed with kill -9, after it restarts', async () => {
    const receiver = receivers.track(await startReceiver());
    await receiver.down();
    const url = await postgres.server.newDatabase();
    const args = ['--postgres', url, ...webhookArgs(receiver)];
    const first = await startServerProcess({ args });
    const name = docName();
    expect((await putMarkdown(first.url, name, '# Before the crash')).status).toBe(201);
    await waitFor(async () => (await metric(first.url, 'quire_webhooks_pending')) === 2, { what: 'two pending' });
    expect(await outboxRows(url)).toBe(2);
    first.child.kill('SIGKILL');
    await first.exited;
    await receiver.up();
    // Another data folder: nothing of the outbox can come from the first one.
    const second = await startServerProcess({ args });
    // Retries keep their due times across the restart: up to a few seconds.
    await waitFor(() => receiver.delivered.length === 2, {
      what: 'the deliveries after the restart',
      timeoutMs: 60_000,
    });
    expect(receiver.delivered.map((r) => r.event?.type)).toEqual(['document.created', 'document.changed']);
    expect(receiver.delivered.every((r) => r.event?.data.name === name)).toBe(true);
    await waitFor(async () => (await metric(second.url, 'quire_webhooks_pending')) === 0, { what: 'empty outbox' });
    expect(await outboxRows(url)).toBe(0);
  });

  it('keeps pending deliveries through a Postgres restart and sends them once it is back', async () => {
    const receiver = receivers.track(await startReceiver());
    await receiver.down();
    const url = await postgres.server.newDatabase();
    const server = await startServerProcess({ args: ['--postgres', url, ...webhookArgs(receiver)] });
    const name = docName();
    expect((await putMarkdown(server.url, name, '# Before the outage')).status).toBe(201);
    await waitFor(async () => (await metric(server.url, 'quire_webhooks_pending')) === 2, { what: 'two pending' });
    await postgres.server.stop();
    try {
      await waitFor(() => server.output().includes('reading the webhook outbox failed'), {
        what: 'a poll failing while Postgres is away',
        timeoutMs: 30_000,
      });
      await receiver.up();
    } finally {
      await postgres.server.start();
    }
    await waitFor(() => receiver.delivered.length === 2, {
      what: 'the deliveries after the outage',
      timeoutMs: 60_000,
    });
    expect(receiver.delivered.map((r) => r.event?.type)).toEqual(['document.created', 'document.changed']);
    expect(server.child.exitCode).toBe(null);
  });
});

/** A server on Redis and Postgres sending every event at once to a receiver, on a manual clock. */
async function startOnRedisAndPostgres() {
  const { url: redisUrl } = await redis.start();
  const postgresUrl = await postgres.server.newDatabase();
  const receiver = receivers.track(await startReceiver());
  const clock = new ManualClock();
  const server = servers.track(
    await startTestServer({
      clock,
      redisUrl,
      postgresUrl,
      webhookUrls: [receiver.url],
      webhookSecret: TEST_WEBHOOK_SECRET,
      webhookDebounceMs: 0,
    }),
  );
  return { postgresUrl, receiver, clock, server };
}

describe.skipIf(!HAS_POSTGRES || !HAS_REDIS)('SPEC: Webhooks with --redis and --postgres', () => {
  it('keeps pending deliveries in Postgres, not Redis, and delivers them once the receiver is back', async () => {
    const { postgresUrl, receiver, clock, server } = await startOnRedisAndPostgres();
    await receiver.down();
    const name = docName();
    expect((await putMarkdown(server.url, name, '# Pending')).status).toBe(201);
    clock.advance(0);
    await waitFor(async () => (await metric(server.url, 'quire_webhooks_pending')) === 2, { what: 'two pending' });
    expect(await outboxRows(postgresUrl)).toBe(2);
    await waitFor(async () => (await metric(server.url, 'quire_webhook_attempts_failed_total')) === 1, {
      what: 'the first attempt failed',
    });
    await receiver.up();
    clock.advance(5_000);
    await waitFor(() => receiver.delivered.length === 2, { what: 'both delivered' });
    expect(receiver.delivered.map((r) => r.event?.type)).toEqual(['document.created', 'document.changed']);
    await waitFor(async () => (await outboxRows(postgresUrl)) === 0, { what: 'the Postgres outbox emptied' });
  });

  it('events raised while Postgres is down wait in memory and are delivered once it is back', async () => {
    const { receiver, clock, server } = await startOnRedisAndPostgres();
    const name = docName();
    const [writer, watcher] = await clients.pair(server.wsUrl, name);
    writer.text.insert(0, 'before;');
    await waitFor(
      () => {
        clock.advance(0);
        return receiver.delivered.some((r) => r.event?.type === 'document.changed');
      },
      { what: 'the first document.changed' },
    );
    const before = receiver.delivered.length;
    await postgres.server.stop();
    try {
      writer.text.insert(writer.text.length, 'during the outage;');
      await waitFor(() => watcher.text.toString() === 'before;during the outage;', { what: 'relayed through Redis' });
      await waitFor(
        async () => {
          clock.advance(0);
          return (await metric(server.url, 'quire_webhook_events_held')) === 1;
        },
        { what: 'the document.changed of the outage held in memory' },
      );
    } finally {
      await postgres.server.start();
    }
    // Retries of the held event and of the outbox polls run on the test's clock.
    const late = await waitFor(
      () => {
        clock.advance(1_000);
        return receiver.delivered[before];
      },
      { what: 'the held event delivered', timeoutMs: 30_000 },
    );
    expect(late.event).toMatchObject({ type: 'document.changed', data: { name } });
    expect(await metric(server.url, 'quire_webhook_events_held')).toBe(0);
    expect(await metric(server.url, 'quire_webhook_events_dropped_total')).toBe(0);
  });
});
