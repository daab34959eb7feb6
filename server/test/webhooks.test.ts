import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import {
  ManualClock,
  TEST_SECRET,
  docName,
  makeToken,
  startTestServer,
  useClients,
  useServers,
  waitFor,
  type TestClient,
  type TestServer,
} from './helpers.js';
import { addReply, newCommentId } from '@quire/shared/comments';
import { seedNewDocument } from '../src/content/seed.js';
import { retryDelayMs } from '../src/webhooks/retry-schedule.js';
import { startReceiver, TEST_WEBHOOK_SECRET, type ReceivedEvent, type TestReceiver } from './webhook-receiver.js';

/**
 * SPEC: Webhooks — signed events, debounced change events naming who changed the document,
 * and deliveries that survive receivers that fail, hang or are down. The server's timers
 * (debounce, retries, the delivery timeout) follow a clock the test moves by hand.
 */
const servers = useServers();
const receivers = useServers();
const clients = useClients();

interface Setup {
  server: TestServer;
  receiver: TestReceiver;
  clock: ManualClock;
}

async function setup(options: { debounceMs?: number } = {}): Promise<Setup> {
  const receiver = receivers.track(await startReceiver());
  const clock = new ManualClock();
  const server = servers.track(
    await startTestServer({
      clock,
      initialContent: seedNewDocument,
      authSecret: TEST_SECRET,
      webhookUrls: [receiver.url],
      webhookSecret: TEST_WEBHOOK_SECRET,
      webhookDebounceMs: options.debounceMs ?? 2000,
    }),
  );
  return { server, receiver, clock };
}

async function editor(server: TestServer, name: string, sub: string): Promise<TestClient> {
  const token = await makeToken({ sub, docs: ['*'], access: 'admin' });
  const client = clients.connect(server.wsUrl, name, { params: { token } });
  await client.synced;
  return client;
}

/** Types into `from` and waits until `to` has it: the server has stored and relayed it. */
async function type(from: TestClient, to: TestClient, text: string): Promise<void> {
  from.text.insert(from.text.length, text);
  await waitFor(() => to.text.toString().includes(text), { what: `"${text}" relayed` });
}

function eventsOf(list: ReceivedEvent[], name: string): string[] {
  return list.filter((r) => r.event?.data.name === name).map((r) => r.event!.type);
}

async function api(server: TestServer, path: string, init: RequestInit = {}): Promise<Response> {
  const token = await makeToken({ sub: 'program', access: 'admin' });
  const headers = { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` };
  return fetch(`${server.url}/api${path}`, { ...init, headers });
}

/** A metric's value from `/metrics`, undefined if absent. */
async function metric(server: TestServer, name: string): Promise<number | undefined> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
}

const createVersion = (server: TestServer, name: string): Promise<Response> =>
  api(server, `/docs/${encodeURIComponent(name)}/versions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ label: 'marker' }),
  });

describe('SPEC: Webhooks — events', () => {
  it('signs every event so the standardwebhooks library verifies it, and a wrong secret does not', async () => {
    const { server, receiver } = await setup();
    const name = docName();
    await editor(server, name, 'ada');
    const created = await waitFor(() => receiver.delivered[0], { what: 'document.created' });
    expect(created.event).toMatchObject({ type: 'document.created', data: { name } });
    expect(created.headers['webhook-id']).toMatch(/^msg_/);
    expect(new Date(created.event!.timestamp).toString()).not.toBe('Invalid Date');
    const wrong = new Webhook('whsec_' + Buffer.alloc(24, 7).toString('base64'));
    expect(() => wrong.verify(created.body, created.headers)).toThrow();
    expect(() =>
      new Webhook(TEST_WEBHOOK_SECRET).verify(created.body.replace(name, 'other'), created.headers),
    ).toThrow();
  });

  it('reports a burst of changes once, debounce-ms after its last change, with everyone who changed it', async () => {
    const { server, receiver, clock } = await setup();
    const name = docName();
    const ada = await editor(server, name, 'ada');
    const bob = await editor(server, name, 'bob');
    await type(ada, bob, 'hello ');
    clock.advance(1500);
    await type(bob, ada, 'world');
    clock.advance(1999);
    // A version is stored after anything already queued for the document: once it arrives,
    // a change event due by now would have arrived before it.
    expect((await createVersion(server, name)).status).toBe(201);
    await waitFor(() => eventsOf(receiver.delivered, name).includes('version.created'), { what: 'version' });
    expect(eventsOf(receiver.delivered, name)).toEqual(['document.created', 'version.created']);
    clock.advance(1);
    const changed = await waitFor(() => receiver.delivered.find((r) => r.event?.type === 'document.changed'), {
      what: 'document.changed',
    });
    expect(changed.event!.data).toMatchObject({ name, users: ['ada', 'bob'] });
    expect(changed.event!.data.size).toBeGreaterThan(0);
    expect(Date.parse(changed.event!.data.updatedAt as string)).toBe(clock.now() - 2000);
  });

  it('reports a burst that goes on 10 s after its first change, then starts a new one', async () => {
    const { server, receiver, clock } = await setup();
    const name = docName();
    const ada = await editor(server, name, 'ada');
    const bob = await editor(server, name, 'bob');
    for (let second = 0; second < 10; second++) {
      await type(ada, bob, `${second} `);
      clock.advance(1000);
    }
    const changes = (): ReceivedEvent[] => receiver.delivered.filter((r) => r.event?.type === 'document.changed');
    await waitFor(() => changes().length === 1, { what: 'the change event of a long burst' });
    expect(changes()[0]!.event!.data.users).toEqual(['ada']);
    await type(bob, ada, 'later');
    clock.advance(2000);
    await waitFor(() => changes().length === 2, { what: 'the next burst' });
    expect(changes()[1]!.event!.data.users).toEqual(['bob']);
  });

  it('sends document.created before the first document.changed of a document created over HTTP (naming the caller), then deleted', async () => {
    const { server, receiver, clock } = await setup();
    const name = docName();
    const path = `/docs/${encodeURIComponent(name)}`;
    const put = await api(server, path, { method: 'PUT', headers: { 'Content-Type': 'text/markdown' }, body: '# Hi' });
    expect(put.status).toBe(201);
    clock.advance(2000);
    await waitFor(() => eventsOf(receiver.delivered, name).length === 2, { what: 'created and changed' });
    expect(receiver.delivered.find((r) => r.event?.type === 'document.changed')!.event!.data.users).toEqual([
      'program',
    ]);
    expect((await api(server, path, { method: 'DELETE' })).status).toBe(204);
    await waitFor(() => eventsOf(receiver.delivered, name).length === 3, { what: 'deleted' });
    expect(eventsOf(receiver.delivered, name)).toEqual(['document.created', 'document.changed', 'document.deleted']);
  });

  it('sends comment.created for a thread started over the API and a reply made in an editor, with their authors', async () => {
    const { server, receiver } = await setup();
    const name = docName();
    const path = `/docs/${encodeURIComponent(name)}`;
    const json = { 'Content-Type': 'application/json' };
    await api(server, path, { method: 'PUT', headers: { 'Content-Type': 'text/markdown' }, body: 'Talk about this.' });
    const started = await api(server, `${path}/comments`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ quote: 'this', body: 'Why?' }),
    });
    expect(started.status).toBe(201);
    const thread = (await started.json()) as { id: string };
    const ada = await editor(server, name, 'ada');
    await waitFor(() => ada.doc.getMap('comments').has(thread.id), { what: 'the thread reaches the editor' });
    // Written under an earlier name of Ada's token: the event names her as the token does now.
    const reply = { id: newCommentId(), author: { sub: 'ada', name: 'Ada B.' }, body: 'Because.', now: Date.now() };
    addReply(ada.doc, thread.id, reply, null);
    const comments = (): { threadId: string; author: { sub: string; name?: string }; body: string }[] =>
      receiver.delivered
        .filter((r) => r.event?.type === 'comment.created' && r.event.data.name === name)
        .map((r) => r.event!.data as unknown as { threadId: string; author: { sub: string }; body: string });
    await waitFor(() => comments().length === 2, { what: 'two comment.created events' });
    expect(comments().map((c) => [c.threadId, c.author.sub, c.author.name, c.body])).toEqual([
      [thread.id, 'program', 'program', 'Why?'],
      [thread.id, 'ada', 'ada', 'Because.'],
    ]);
  });
});

describe('SPEC: Webhooks — receivers that misbehave', () => {
  async function createdWhile(receiver: TestReceiver, server: TestServer): Promise<string> {
    const name = docName();
    await editor(server, name, 'ada');
    return name;
  }

  it('retries a receiver that answers 500 within 5 s, and delivers each event once it answers 2xx', async () => {
    const { server, receiver, clock } = await setup();
    receiver.mode = 'fail';
    const name = await createdWhile(receiver, server);
    await waitFor(() => receiver.attempts.length === 1, { what: 'the first attempt' });
    receiver.mode = 'ok';
    clock.advance(5000);
    await waitFor(() => receiver.delivered.length === 1, { what: 'the retry' });
    expect(receiver.attempts.length).toBe(2);
    expect(receiver.attempts[0]!.headers['webhook-id']).toBe(receiver.delivered[0]!.headers['webhook-id']);
    expect(eventsOf(receiver.delivered, name)).toEqual(['document.created']);
  });

  it('gives up on a receiver that does not answer within 10 s, then retries it', async () => {
    const { server, receiver, clock } = await setup();
    receiver.mode = 'hang';
    await createdWhile(receiver, server);
    await waitFor(() => receiver.attempts.length === 1, { what: 'the first attempt' });
    receiver.mode = 'ok';
    clock.advance(9_999);
    clock.advance(1);
    await waitFor(async () => (await metric(server, 'quire_webhook_attempts_failed_total')) === 1, { what: 'timeout' });
    clock.advance(5000);
    await waitFor(() => receiver.delivered.length === 1, { what: 'the retry after the timeout' });
  });

  it('keeps retrying a receiver that is down with growing delays, in order, and delivers once it is back', async () => {
    const { server, receiver, clock } = await setup();
    await receiver.down();
    const name = await createdWhile(receiver, server);
    expect((await createVersion(server, name)).status).toBe(201);
    await waitFor(async () => (await metric(server, 'quire_webhooks_pending')) === 2, { what: 'two pending' });
    for (const [failures, delay] of [5_000, 10_000, 20_000, 40_000].entries()) {
      await waitFor(async () => (await metric(server, 'quire_webhook_attempts_failed_total')) === failures + 1, {
        what: `failed attempt ${failures + 1}`,
      });
      clock.advance(delay - 1);
      expect(await metric(server, 'quire_webhook_attempts_failed_total')).toBe(failures + 1);
      clock.advance(1);
    }
    await waitFor(async () => (await metric(server, 'quire_webhook_attempts_failed_total')) === 5, {
      what: 'attempt 5',
    });
    await receiver.up();
    clock.advance(80_000);
    await waitFor(() => receiver.delivered.length === 2, { what: 'both events after the receiver came back' });
    expect(eventsOf(receiver.delivered, name)).toEqual(['document.created', 'version.created']);
    await waitFor(async () => (await metric(server, 'quire_webhooks_pending')) === 0, { what: 'an empty outbox' });
  });

  it('drops a delivery after about an hour of failures with an error and a metric, and goes on with the next', async () => {
    const { server, receiver, clock } = await setup();
    receiver.mode = 'fail';
    const name = await createdWhile(receiver, server);
    let waited = 0;
    for (let failures = 1; retryDelayMs(failures) !== undefined; failures++) {
      await waitFor(async () => (await metric(server, 'quire_webhook_attempts_failed_total')) === failures, {
        what: `failed attempt ${failures}`,
      });
      waited += retryDelayMs(failures)!;
      clock.advance(retryDelayMs(failures)!);
    }
    await waitFor(async () => (await metric(server, 'quire_webhooks_failed_total')) === 1, {
      what: 'a dropped delivery',
    });
    expect(waited).toBeGreaterThan(45 * 60_000);
    expect(waited).toBeLessThanOrEqual(60 * 60_000);
    expect(receiver.attempts.length).toBe(12);
    receiver.mode = 'ok';
    expect((await createVersion(server, name)).status).toBe(201);
    await waitFor(() => eventsOf(receiver.delivered, name).includes('version.created'), { what: 'the next event' });
    expect(eventsOf(receiver.delivered, name)).toEqual(['version.created']);
  });
});
