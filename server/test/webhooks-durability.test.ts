import { afterEach, describe, expect, it } from 'vitest';
import {
  ManualClock,
  HAS_REDIS,
  docName,
  killProcesses,
  makeTempDir,
  runCli,
  startServerProcess,
  startTestServer,
  useRedis,
  useServers,
  waitFor,
  type TestServer,
} from './helpers.js';
import { metric, putMarkdown, startReceiver, TEST_WEBHOOK_SECRET, webhookArgs } from './webhook-receiver.js';

/**
 * SPEC: Webhooks — pending deliveries are stored: `kill -9` of the server loses none, and in
 * cluster mode each event is delivered by one instance. Also: URLs without a secret are a
 * configuration error.
 */
const receivers = useServers();
const servers = useServers();
const redis = useRedis();
afterEach(killProcesses);

describe('SPEC: Webhooks — durability', () => {
  it('delivers what was pending when the server was killed with kill -9, after it restarts', async () => {
    const receiver = receivers.track(await startReceiver());
    await receiver.down();
    const { dir } = await makeTempDir();
    const first = await startServerProcess({ dataDir: dir, args: webhookArgs(receiver) });
    const name = docName();
    expect((await putMarkdown(first.url, name, '# Before the crash')).status).toBe(201);
    await waitFor(async () => (await metric(first.url, 'quire_webhooks_pending')) === 2, { what: 'two pending' });
    first.child.kill('SIGKILL');
    await first.exited;
    await receiver.up();
    const second = await startServerProcess({ dataDir: dir, args: webhookArgs(receiver) });
    // Retries keep their due times across the restart: up to a few seconds.
    await waitFor(() => receiver.delivered.length === 2, {
      what: 'the deliveries after the restart',
      timeoutMs: 60_000,
    });
    expect(receiver.delivered.map((r) => r.event?.type)).toEqual(['document.created', 'document.changed']);
    expect(receiver.delivered.every((r) => r.event?.data.name === name)).toBe(true);
    await waitFor(async () => (await metric(second.url, 'quire_webhooks_pending')) === 0, { what: 'empty outbox' });
  });

  it('reports a burst of changes still being debounced at SIGTERM before exiting', async () => {
    const receiver = receivers.track(await startReceiver());
    await receiver.down();
    const { dir } = await makeTempDir();
    // A long debounce: the burst is still open when SIGTERM comes (it would close by itself
    // only 10 s after the change).
    const args = [...webhookArgs(receiver), '--webhook-debounce-ms', '600000'];
    const first = await startServerProcess({ dataDir: dir, args });
    const name = docName();
    expect((await putMarkdown(first.url, name, '# Before the restart')).status).toBe(201);
    await waitFor(async () => (await metric(first.url, 'quire_webhooks_pending')) === 1, { what: 'created pending' });
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    await receiver.up();
    await startServerProcess({ dataDir: dir, args: webhookArgs(receiver) });
    // Retries keep their due times across the restart: up to a few seconds.
    await waitFor(() => receiver.delivered.length === 2, {
      what: 'the deliveries after the restart',
      timeoutMs: 60_000,
    });
    expect(receiver.delivered.map((r) => r.event?.type)).toEqual(['document.created', 'document.changed']);
  });

  it('refuses to start with webhook URLs and no secret, or a secret that is not whsec_ (exit 2)', async () => {
    for (const args of [
      ['--webhook-url', 'http://127.0.0.1:9/hook'],
      ['--webhook-url', 'http://127.0.0.1:9/hook', '--webhook-secret', 'hunter2hunter2hunter2'],
    ]) {
      const run = runCli(['serve', '--port', '0', ...args], { env: {} });
      expect((await run.exited).code).toBe(2);
      expect(run.output()).toContain('--webhook-secret');
    }
  });
});

describe.skipIf(!HAS_REDIS)('SPEC: Webhooks — cluster mode', () => {
  it('delivers each event once although every instance looks for pending deliveries', async () => {
    const { url: redisUrl } = await redis.start();
    const receiver = receivers.track(await startReceiver());
    await receiver.down();
    const clock = new ManualClock();
    const options = {
      clock,
      redisUrl,
      webhookUrls: [receiver.url],
      webhookSecret: TEST_WEBHOOK_SECRET,
      webhookDebounceMs: 0,
    };
    const instances: TestServer[] = [
      servers.track(await startTestServer(options)),
      servers.track(await startTestServer(options)),
    ];
    const names = Array.from({ length: 6 }, () => docName());
    await Promise.all(names.map((name, i) => putMarkdown(instances[i % 2]!.url, name, `# Doc ${i}`)));
    clock.advance(0);
    const expected = names.length * 2;
    await waitFor(async () => (await metric(instances[0]!.url, 'quire_webhooks_pending')) === expected, {
      what: 'every event pending',
    });
    // Each document's first event has failed once and waits 5 s; the clock stays put from
    // here on, so no lease runs out and no attempt times out: a repeat could only be a
    // delivery claimed twice.
    const failedAttempts = async (): Promise<number> => {
      const counts = await Promise.all(instances.map((i) => metric(i.url, 'quire_webhook_attempts_failed_total')));
      return counts.reduce<number>((sum, count) => sum + (count ?? 0), 0);
    };
    await waitFor(async () => (await failedAttempts()) === names.length, { what: 'one failed attempt per document' });
    await receiver.up();
    clock.advance(5_000);
    await waitFor(() => receiver.delivered.length >= expected, { what: 'every event delivered' });
    await waitFor(async () => (await metric(instances[1]!.url, 'quire_webhooks_pending')) === 0, { what: 'empty' });
    const ids = receiver.attempts.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(expected);
    for (const name of names) {
      const types = receiver.delivered.filter((r) => r.event?.data.name === name).map((r) => r.event?.type);
      expect(types).toEqual(['document.created', 'document.changed']);
    }
  });
});
