import { describe, expect, it } from 'vitest';
import { CloseCode, NO_SUCH_DOCUMENT, type AccessLevel } from '@quire/shared';
import {
  docName,
  HAS_REDIS,
  makeToken,
  startTestServer,
  TEST_SECRET,
  useClients,
  useRedis,
  useServers,
  waitFor,
  type RawSocket,
  type TestClient,
  type TestServer,
} from './helpers.js';

/**
 * SPEC: Access; issue #18 finding 6 — a connection that cannot write never creates a
 * document: a read-only connection to a name that does not exist gets close 4404 over
 * WebSocket and 404 over HTTP, and nothing is stored.
 */
const servers = useServers();
const redis = useRedis();

const clients = useClients();
const token = (access: AccessLevel): Promise<string> => makeToken({ docs: ['*'], access, sub: access });

async function start(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  return servers.track(await startTestServer({ authSecret: TEST_SECRET, ...options }));
}

const socket = (server: TestServer, path: string): RawSocket => clients.raw(server.wsUrl, path);

function client(server: TestServer, name: string, access: AccessLevel): Promise<TestClient> {
  return token(access).then((value) => clients.connect(server.wsUrl, name, { params: { token: value } }));
}

async function storedNames(server: TestServer): Promise<string[]> {
  const res = await fetch(`${server.url}/api/docs`, { headers: { Authorization: `Bearer ${await token('admin')}` } });
  return ((await res.json()) as { docs: { name: string }[] }).docs.map((doc) => doc.name);
}

async function apiStatus(server: TestServer, name: string): Promise<number> {
  const res = await fetch(`${server.url}/api/docs/${name}?format=text`, {
    headers: { Authorization: `Bearer ${await token('admin')}` },
  });
  return res.status;
}

describe('read-only connections never create documents (SPEC: Access)', () => {
  it('100 read-only sockets to new names are closed with 4404 and store nothing; a writer still creates one', async () => {
    const server = await start();
    const readToken = await token('read');
    const names = Array.from({ length: 100 }, () => docName());
    const readers = names.map((name) => socket(server, `${name}?token=${readToken}`));
    const closes = await Promise.all(readers.map((reader) => reader.closed));
    expect(new Set(closes.map((close) => `${close.code} ${close.reason}`))).toEqual(
      new Set([`${CloseCode.DocumentDeleted} ${NO_SUCH_DOCUMENT}`]),
    );
    expect(await storedNames(server)).toEqual([]);
    expect(await apiStatus(server, names[0]!)).toBe(404);

    const writer = await client(server, names[0]!, 'write');
    await writer.synced;
    writer.text.insert(0, 'created by a writer');
    const reader = await client(server, names[0]!, 'read');
    await waitFor(() => reader.text.toString() === 'created by a writer', { what: 'the reader sees the text' });
    expect(await storedNames(server)).toEqual([names[0]]);
  });

  it('a read-only reader of an existing, unloaded document still opens it', async () => {
    const server = await start({ unloadGraceMs: 0 });
    const name = docName();
    const writer = await client(server, name, 'write');
    writer.text.insert(0, 'kept');
    await writer.synced;
    await waitFor(async () => (await apiStatus(server, name)) === 200, { what: 'stored' });
    writer.destroy();
    await waitFor(
      async () => ((await (await fetch(`${server.url}/healthz`)).json()) as { docsLoaded: number }).docsLoaded === 0,
      {
        what: 'unloaded',
      },
    );
    const reader = await client(server, name, 'read');
    await waitFor(() => reader.text.toString() === 'kept', { what: 'the reader sees the stored text' });
  });

  it('the HTTP transport answers a read-only event stream for a new name with 404 and stores nothing', async () => {
    const server = await start();
    const name = docName();
    const res = await fetch(`${server.url}/api/docs/${name}/events?token=${await token('read')}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: NO_SUCH_DOCUMENT });
    expect(await storedNames(server)).toEqual([]);
  });

  it('a GET of a missing document over the HTTP API is 404 and creates nothing', async () => {
    const server = await start();
    const name = docName();
    expect(await apiStatus(server, name)).toBe(404);
    const versions = await fetch(`${server.url}/api/docs/${name}/versions`, {
      headers: { Authorization: `Bearer ${await token('admin')}` },
    });
    expect(versions.status).toBe(404);
    expect(await storedNames(server)).toEqual([]);
  });
});

describe.skipIf(!HAS_REDIS)('read-only connections across instances (SPEC: Access, Cluster mode)', () => {
  it('a reader on B opens a document created on A, and gets 4404 for one nobody created', async () => {
    const { url: redisUrl } = await redis.start();
    const [a, b] = await Promise.all([start({ redisUrl }), start({ redisUrl })]);
    const name = docName();
    const writer = await client(a!, name, 'write');
    await writer.synced;
    writer.text.insert(0, 'from A');
    const reader = await client(b!, name, 'read');
    await waitFor(() => reader.text.toString() === 'from A', { what: 'the reader on B sees the text' });
    const missing = socket(b!, `${docName()}?token=${await token('read')}`);
    expect((await missing.closed).code).toBe(CloseCode.DocumentDeleted);
    expect(await storedNames(a!)).toEqual([name]);
  });
});
