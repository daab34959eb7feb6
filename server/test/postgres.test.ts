import { afterEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import pg from 'pg';
import * as Y from 'yjs';
import { MessageType } from '@quire/shared';
import { NO_OBSERVER, type StoreObserver } from '../src/storage/doc-store.js';
import { PgStore } from '../src/storage/postgres/pg-store.js';
import { MIGRATIONS } from '../src/storage/postgres/schema.js';
import { Writer } from './contracts/stored-log.js';
import {
  docName,
  HAS_POSTGRES,
  killProcesses,
  rawSocket,
  usePostgres,
  startServerProcess,
  startTestServer,
  useClients,
  useServers,
  waitFor,
  type TestClient,
} from './helpers.js';

/** SPEC: Cluster mode (`--postgres` without `--redis`) and Guarantees, on a real postgres. */
const postgres = usePostgres();
afterEach(async () => {
  await killProcesses();
});
const servers = useServers();
const clients = useClients();

const QUIET = { onUnreachable: () => undefined, onReachable: () => undefined };
const openStore = (url: string, observer: StoreObserver = NO_OBSERVER): Promise<PgStore> =>
  PgStore.open(url, { observer, ...QUIET });

/** Appends `w<i>;` tokens at the end of the text, a few per timer tick, until stopped. */
function streamTokens(client: TestClient): { stop(): void } {
  let next = 0;
  let isStopped = false;
  const tick = (): void => {
    if (isStopped) return;
    for (let i = 0; i < 3; i++) client.text.insert(client.text.length, `w${next++};`);
    setTimeout(tick, 1);
  };
  tick();
  return { stop: () => (isStopped = true) };
}

/** The clock of `clientId` in the last saved acknowledgement (message 100) a raw socket got. */
function ackedClock(messages: Uint8Array[], clientId: number): number {
  const last = messages.filter((m) => m[0] === MessageType.Ack).at(-1);
  if (!last) return -1;
  const decoder = decoding.createDecoder(last);
  decoding.readVarUint(decoder);
  return Y.decodeStateVector(decoding.readVarUint8Array(decoder)).get(clientId) ?? 0;
}

describe.skipIf(!HAS_POSTGRES)('Postgres alone (SPEC: Cluster mode, --postgres)', () => {
  it('instances starting at once on an empty database create the schema once and record each migration', async () => {
    const url = await postgres.server.newDatabase();
    const stores = await Promise.all([1, 2, 3, 4].map(() => openStore(url)));
    await Promise.all(stores.map((store) => store.close()));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ id: number }>('SELECT id FROM quire_migrations ORDER BY id');
    await client.end();
    expect(rows.map((row) => row.id)).toEqual(MIGRATIONS.map((migration) => migration.id));
  });

  it('the updates of one event-loop turn are committed together by one statement', async () => {
    const batches: number[] = [];
    const store = await openStore(await postgres.server.newDatabase(), {
      ...NO_OBSERVER,
      onBatch: (operations) => batches.push(operations),
    });
    const writer = new Writer();
    const name = docName();
    await store.load(name);
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.append(name, writer.type(`${i};`))));
    await store.close();
    expect(batches).toEqual([40]);
  });

  it('kill -9 while a client types loses nothing another client has seen', async () => {
    const url = await postgres.server.newDatabase();
    const args = ['--postgres', url, '--max-messages-per-second', '0'];
    const server = await startServerProcess({ args });
    const name = docName();
    const writer = clients.connect(server.wsUrl, name);
    const watcher = clients.connect(server.wsUrl, name);
    await Promise.all([writer.synced, watcher.synced]);
    const stream = streamTokens(writer);
    // Picks the kill moment, some way into the stream; nothing is asserted about time.
    await waitFor(() => watcher.text.length > 200, { what: 'the watcher to see some typing' });
    server.child.kill('SIGKILL');
    await server.exited;
    stream.stop();
    await waitFor(() => !watcher.provider.wsconnected, { what: 'the watcher to notice' });
    const seen = watcher.text.toString();
    writer.destroy();
    watcher.destroy();

    const again = await startServerProcess({ args });
    const reader = clients.connect(again.wsUrl, name);
    await reader.synced;
    expect(reader.text.toString().startsWith(seen)).toBe(true);
  });

  it('Postgres restarted while two people edit: nothing is relayed meanwhile, they carry on once it returns, nothing acknowledged is lost', async () => {
    const url = await postgres.server.newDatabase();
    const server = servers.track(await startTestServer({ postgresUrl: url }));
    const name = docName();
    const [a, b] = await clients.pair(server.wsUrl, name);
    const acks = rawSocket(server.wsUrl, `${name}?ack=1`);
    await acks.opened;
    a.text.insert(0, 'before;');
    await waitFor(() => b.text.toString() === 'before;', { what: 'B to see the first edit' });

    await postgres.server.stop();
    a.text.insert(a.text.length, 'during;');
    const health = async (): Promise<number> => (await fetch(`${server.url}/healthz`)).status;
    await waitFor(async () => (await health()) === 503, { what: 'the server to notice Postgres is away' });
    expect(b.text.toString()).toBe('before;');
    await postgres.server.start();

    b.text.insert(b.text.length, 'after;');
    const all = ['before;', 'during;', 'after;'];
    await waitFor(() => [a, b].every((c) => all.every((word) => c.text.toString().includes(word))), {
      what: 'both to have every edit',
    });
    await waitFor(() => ackedClock(acks.messages, a.doc.clientID) === Y.getState(a.doc.store, a.doc.clientID), {
      what: "the ack to cover A's edits",
    });
    // Its last probe, made while Postgres was away, may still be the answer for a moment.
    await waitFor(async () => (await health()) === 200, { what: '/healthz to see Postgres back' });
    acks.ws.close();
    a.destroy();
    b.destroy();
    const restarted = servers.track(await server.restart());
    const reader = clients.connect(restarted.wsUrl, name);
    await reader.synced;
    for (const word of all) expect(reader.text.toString()).toContain(word);
  });

  it('GET /healthz names Postgres and answers 503 while it is stopped, with nothing being written', async () => {
    const server = servers.track(await startTestServer({ postgresUrl: await postgres.server.newDatabase() }));
    const health = async (): Promise<{ status: number; body: unknown }> => {
      const res = await fetch(`${server.url}/healthz`);
      return { status: res.status, body: await res.json() };
    };
    expect(await health()).toMatchObject({
      status: 200,
      body: { ok: true, storage: 'postgres', stores: { postgres: true } },
    });
    await postgres.server.stop();
    try {
      const down = await waitFor(async () => ((await health()).status === 503 ? health() : undefined), {
        what: '503 while Postgres is stopped',
      });
      expect(down.body).toMatchObject({ ok: false, stores: { postgres: false } });
    } finally {
      await postgres.server.start();
    }
    await waitFor(async () => (await health()).status === 200, { what: '200 once Postgres is back' });
  });

  it('SIGTERM while Postgres is away: the server gives up waiting for it and exits 0', async () => {
    const url = await postgres.server.newDatabase();
    const server = await startServerProcess({ args: ['--postgres', url] });
    const name = docName();
    const [editor, watcher] = await clients.pair(server.wsUrl, name);
    editor.text.insert(0, 'kept;');
    await waitFor(() => watcher.text.toString() === 'kept;', { what: 'the first edit stored' });
    await postgres.server.stop();
    editor.text.insert(editor.text.length, 'held;');
    await waitFor(() => server.output().includes('postgres unreachable'), { what: 'the outage logged' });
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output().match(/postgres unreachable/g)).toHaveLength(1);
    await postgres.server.start();
  }, 60_000);
});
