import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generate } from 'selfsigned';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CloseCode, MessageType, type AccessLevel } from '@quire/shared';
import { seedNewDocument } from '../src/content/seed.js';
import {
  ManualClock,
  CLI_BIN,
  docName,
  makeTempDir,
  makeToken,
  rawSocket,
  startTestServer,
  TEST_SECRET,
  unsignedToken,
  useClients,
  waitFor,
  type TestClient,
  type TestServer,
} from './helpers.js';

/** SPEC: Access — tokens, read-only clients, origins, limits, TLS. */
let server: TestServer;
afterEach(async () => {
  await server?.close();
});
const clients = useClients();

const client = (name: string, params: Record<string, string>): TestClient =>
  clients.connect(server.wsUrl, name, { params });

async function upgradeStatus(path: string, headers: Record<string, string> = {}): Promise<number> {
  const raw = rawSocket(server.wsUrl, path, { headers });
  try {
    await raw.opened;
    raw.ws.close();
    return 101;
  } catch (err) {
    return Number(/HTTP (\d+)/.exec((err as Error).message)?.[1]);
  }
}

describe('tokens at the WebSocket upgrade (SPEC: Access)', () => {
  it('refuses missing, malformed, forged, unsigned, expired and not-yet-valid tokens with 401', async () => {
    server = await startTestServer({ authSecret: TEST_SECRET });
    const name = docName();
    const cases: [string, string | undefined][] = [
      ['none', undefined],
      ['garbage', 'not-a-jwt'],
      ['wrong signature', await makeToken({ secret: 'another-secret-0123456789' })],
      ['alg none', unsignedToken()],
      ['expired', await makeToken({ ttl: -10 })],
      ['not yet valid', await makeToken({ notBefore: 3600 })],
    ];
    for (const [label, value] of cases) {
      const path = value === undefined ? name : `${name}?token=${value}`;
      expect([label, await upgradeStatus(path)]).toEqual([label, 401]);
    }
    expect(await upgradeStatus(`${name}?token=${await makeToken({})}`)).toBe(101);
  });

  it('refuses tokens for other documents with 403; prefix patterns never over-match', async () => {
    server = await startTestServer({ authSecret: TEST_SECRET });
    const teamToken = await makeToken({ docs: ['team/*'] });
    expect(await upgradeStatus(`team/notes?token=${teamToken}`)).toBe(101);
    expect(await upgradeStatus(`team/a/b?token=${teamToken}`)).toBe(101);
    expect(await upgradeStatus(`team2/x?token=${teamToken}`)).toBe(403);
    expect(await upgradeStatus(`team?token=${teamToken}`)).toBe(403);
    expect(await upgradeStatus(`other?token=${teamToken}`)).toBe(403);
    // A client's URL parser resolves `..` before sending, so this asks for "secret", which is
    // not covered; a `..` sent as is, or hidden behind encoded slashes, is refused (issue 18).
    expect(await upgradeStatus(`team/%2E%2E/secret?token=${teamToken}`)).toBe(403);
    expect(await literalUpgradeStatus(`/team/../secret?token=${teamToken}`)).toBe(400);
    expect(await literalUpgradeStatus(`/team%2F..%2Fsecret?token=${teamToken}`)).toBe(400);
    const exact = await makeToken({ docs: ['notes'] });
    expect(await upgradeStatus(`notes?token=${exact}`)).toBe(101);
    expect(await upgradeStatus(`notes2?token=${exact}`)).toBe(403);
  });

  it('a read-only client sees the document and presence, is told no, and its edits go nowhere', async () => {
    server = await startTestServer({ authSecret: TEST_SECRET });
    const name = docName();
    const writer = client(name, { token: await makeToken({ access: 'write' }) });
    await writer.synced;
    writer.text.insert(0, 'written');
    const reader = client(name, { token: await makeToken({ access: 'read' }) });
    await waitFor(() => reader.text.toString() === 'written', { what: 'reader sees the document' });
    reader.provider.awareness.setLocalStateField('user', { name: 'Reader' });
    await waitFor(() => writer.provider.awareness.getStates().has(reader.doc.clientID), { what: 'reader presence' });

    const raw = rawSocket(server.wsUrl, `${name}?token=${await makeToken({ access: 'read' })}`);
    await raw.opened;
    const foreign = new Y.Doc();
    foreign.getText('t').insert(0, 'sneaky ');
    const update = Y.encodeStateAsUpdate(foreign);
    raw.ws.send(Uint8Array.from([MessageType.Sync, 2, ...varUint(update.length), ...update]));
    await waitFor(() => raw.messages.some((m) => m[0] === MessageType.Auth), { what: 'permission-denied' });

    reader.text.insert(0, 'ignored ');
    writer.text.insert(7, '!');
    await waitFor(() => reader.text.toString().endsWith('written!'), { what: 'writer edit reaches reader' });
    expect(writer.text.toString()).toBe('written!');
    raw.ws.close();
    server = await server.restart();
    const fresh = client(name, { token: await makeToken({ access: 'read' }) });
    await fresh.synced;
    await waitFor(() => fresh.text.length > 0);
    expect(fresh.text.toString()).toBe('written!');
  });

  it('a socket whose token expires is closed with 4401', async () => {
    // The token runs out 2 s after it was made (its exp is in whole seconds, so at most that),
    // and it is made before the clock starts, however long starting the server then takes.
    const token = await makeToken({ ttl: 2 });
    const clock = new ManualClock();
    server = await startTestServer({ authSecret: TEST_SECRET, clock });
    const raw = rawSocket(server.wsUrl, `${docName()}?token=${token}`);
    await raw.opened;
    clock.advance(2_000);
    expect((await raw.closed).code).toBe(CloseCode.TokenExpired);
  });

  it('a token printed by `quire token` is accepted', async () => {
    server = await startTestServer({ authSecret: TEST_SECRET });
    const result = spawnSync(
      process.execPath,
      [CLI_BIN, 'token', '--secret', TEST_SECRET, '--docs', 'team/*', '--access', 'write', '--name', 'Ada'],
      {
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(0);
    const printed = result.stdout.trim();
    expect(await upgradeStatus(`team/plan?token=${printed}`)).toBe(101);
    expect(await upgradeStatus(`elsewhere?token=${printed}`)).toBe(403);
  });
});

describe('the HTTP API behind tokens (SPEC: Access, HTTP)', () => {
  it('every document route needs the right access level: read < write < admin', async () => {
    server = await startTestServer({ authSecret: TEST_SECRET, initialContent: seedNewDocument });
    const name = 'team/matrix';
    const path = `/api/docs/${encodeURIComponent(name)}`;
    const admin = await makeToken({ access: 'admin', docs: ['team/*'] });
    const call = async (
      method: string,
      suffix: string,
      bearer: string | undefined,
      body?: { type: string; data: string | Uint8Array },
    ): Promise<number> => {
      const headers: Record<string, string> = bearer ? { Authorization: `Bearer ${bearer}` } : {};
      if (body) headers['Content-Type'] = body.type;
      return (await fetch(`${server.url}${path}${suffix}`, { method, headers, ...(body ? { body: body.data } : {}) }))
        .status;
    };
    expect(await call('PUT', '', admin, { type: 'text/markdown', data: '# matrix' })).toBe(201);
    const versionRes = await fetch(`${server.url}${path}/versions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: '{"label":"v1"}',
    });
    const versionId = ((await versionRes.json()) as { id: string }).id;
    const update = Y.encodeStateAsUpdate(new Y.Doc({ gc: false }));
    const routes: [string, string, { type: string; data: string | Uint8Array } | undefined, AccessLevel][] = [
      ['GET', '?format=markdown', undefined, 'read'],
      ['GET', '/versions', undefined, 'read'],
      ['GET', `/versions/${versionId}?format=text`, undefined, 'read'],
      ['PUT', '', { type: 'text/markdown', data: '# matrix' }, 'write'],
      ['POST', '/updates', { type: 'application/octet-stream', data: update }, 'write'],
      ['POST', '/versions', { type: 'application/json', data: '{"label":"v2"}' }, 'write'],
      ['POST', `/versions/${versionId}/restore`, undefined, 'write'],
      ['DELETE', '', undefined, 'admin'],
    ];
    const levels: AccessLevel[] = ['read', 'write', 'admin'];
    for (const [method, suffix, body, needed] of routes) {
      const label = `${method} ${suffix || '/'}`;
      expect([label, await call(method, suffix, undefined, body)]).toEqual([label, 401]);
      expect([
        label,
        await call(method, suffix, await makeToken({ access: 'admin', docs: ['other/*'] }), body),
      ]).toEqual([label, 403]);
      for (const level of levels) {
        const allowed = levels.indexOf(level) >= levels.indexOf(needed);
        const status = await call(method, suffix, await makeToken({ access: level, docs: ['team/*'] }), body);
        expect([label, level, allowed ? status < 400 : status]).toEqual([label, level, allowed ? true : 403]);
      }
    }
  });

  it('GET /api/docs: 401 without a token; admins see every document, others only theirs', async () => {
    server = await startTestServer({ authSecret: TEST_SECRET });
    const admin = await makeToken({ access: 'admin' });
    for (const name of ['team/a', 'private/b']) {
      const c = client(name, { token: admin });
      c.text.insert(0, 'x');
      const watcher = client(name, { token: admin });
      await waitFor(() => watcher.text.length === 1);
    }
    const list = async (bearer?: string): Promise<{ status: number; names: string[] }> => {
      const res = await fetch(
        `${server.url}/api/docs`,
        bearer ? { headers: { Authorization: `Bearer ${bearer}` } } : {},
      );
      const body = (await res.json()) as { docs?: { name: string }[] };
      return { status: res.status, names: (body.docs ?? []).map((d) => d.name).sort() };
    };
    expect((await list()).status).toBe(401);
    expect((await list('garbage')).status).toBe(401);
    expect(await list(admin)).toEqual({ status: 200, names: ['private/b', 'team/a'] });
    expect(await list(await makeToken({ access: 'read', docs: ['team/*'] }))).toEqual({
      status: 200,
      names: ['team/a'],
    });
    expect(await list(await makeToken({ access: 'write', docs: ['team/*'] }))).toEqual({
      status: 200,
      names: ['team/a'],
    });
  });
});

describe('origins (SPEC: Access)', () => {
  it('browser upgrades and API calls from foreign origins get 403; own and allowed origins pass', async () => {
    server = await startTestServer({ allowedOrigins: ['https://app.example.com'] });
    const name = docName();
    const own = `http://127.0.0.1:${server.port}`;
    expect(await upgradeStatus(name, { Origin: own })).toBe(101);
    expect(await upgradeStatus(name, { Origin: 'https://app.example.com' })).toBe(101);
    expect(await upgradeStatus(name, { Origin: 'https://evil.example.com' })).toBe(403);
    expect(await upgradeStatus(name)).toBe(101);
    const api = (origin: string): Promise<Response> => fetch(`${server.url}/api/docs`, { headers: { Origin: origin } });
    expect((await api('https://evil.example.com')).status).toBe(403);
    const allowed = await api('https://app.example.com');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
  });
});

describe('limits (SPEC: Access, rate limits)', () => {
  it('a flooding client is closed with 1008 while another keeps editing the document', async () => {
    server = await startTestServer({ maxMessagesPerSecond: 50 });
    const name = docName();
    const editor = client(name, {});
    const watcher = client(name, {});
    await Promise.all([editor.synced, watcher.synced]);
    const flooder = rawSocket(server.wsUrl, name);
    await flooder.opened;
    for (let i = 0; i < 500 && flooder.ws.readyState === WebSocket.OPEN; i++)
      flooder.ws.send(Uint8Array.of(MessageType.QueryAwareness));
    expect((await flooder.closed).code).toBe(CloseCode.RateLimited);
    editor.text.insert(0, 'still here');
    await waitFor(() => watcher.text.toString() === 'still here', { what: 'editing continues' });
  });

  it('connections beyond the per-address cap get HTTP 429', async () => {
    server = await startTestServer({ maxConnectionsPerIp: 3 });
    const name = docName();
    const open = [rawSocket(server.wsUrl, name), rawSocket(server.wsUrl, name), rawSocket(server.wsUrl, name)];
    await Promise.all(open.map((raw) => raw.opened));
    expect(await upgradeStatus(name)).toBe(429);
    open[0]!.ws.close();
    await open[0]!.closed;
    await waitFor(async () => (await upgradeStatus(name)) === 101, { what: 'slot freed' });
    for (const raw of open) raw.ws.close();
  });
});

describe('TLS (SPEC: Server)', () => {
  it('serves https and wss directly with --tls-cert/--tls-key', async () => {
    const { dir, remove } = await makeTempDir();
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], { keySize: 2048 });
    await writeFile(join(dir, 'cert.pem'), pems.cert);
    await writeFile(join(dir, 'key.pem'), pems.private);
    server = await startTestServer({ tlsCert: join(dir, 'cert.pem'), tlsKey: join(dir, 'key.pem') });
    expect(server.url.startsWith('https://')).toBe(true);
    const ws = new WebSocket(`wss://127.0.0.1:${server.port}/${docName()}`, {
      ca: pems.cert,
      rejectUnauthorized: false,
    });
    const first = await new Promise<Buffer>((resolve, reject) => {
      ws.once('message', (data: Buffer) => resolve(data));
      ws.once('error', reject);
    });
    expect(first[0]).toBe(MessageType.Sync);
    ws.close();
    await remove();
  });
});

/** Sends an upgrade request with `path` exactly as written, as a hand-made client could. */
function literalUpgradeStatus(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: server.port,
      path,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version': '13',
      },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('error', reject);
    req.end();
  });
}

function varUint(value: number): number[] {
  const bytes: number[] = [];
  while (value > 0x7f) {
    bytes.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  bytes.push(value);
  return bytes;
}
