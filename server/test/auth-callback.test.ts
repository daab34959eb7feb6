import { describe, expect, it } from 'vitest';
import {
  ManualClock,
  TEST_SECRET,
  docName,
  makeToken,
  rawSocket,
  startTestServer,
  useClients,
  useServers,
  waitFor,
  type TestServer,
} from './helpers.js';
import { startAuthService, type AuthQuestion, type TestAuthService } from './auth-service.js';
import { seedNewDocument } from '../src/content/seed.js';

/**
 * SPEC: Access, `--auth-url` — the app's backend decides who may do what, from its own
 * session cookie, for WebSocket upgrades, the HTTP transport and `/api`. Its 401/403 are
 * passed on; when it is down, slow, failing or answering nonsense, Quire answers 503 and
 * never grants access. Answers are cached per credential and document.
 */
const servers = useServers();
const clients = useClients();

const SESSION = 'sid=ada-session';

interface Setup {
  server: TestServer;
  auth: TestAuthService;
  clock: ManualClock;
}

async function setup(options: { authSecret?: string; cacheSeconds?: number } = {}): Promise<Setup> {
  const auth = servers.track(await startAuthService());
  auth.reply = (question) =>
    question.cookie === SESSION
      ? { status: 200, body: { sub: 'ada', name: 'Ada', access: 'write', docs: ['team/*'] } }
      : { status: 401 };
  const clock = new ManualClock();
  const server = servers.track(
    await startTestServer({
      clock,
      initialContent: seedNewDocument,
      authUrl: auth.url,
      authCacheSeconds: options.cacheSeconds ?? 30,
      ...(options.authSecret === undefined ? {} : { authSecret: options.authSecret }),
    }),
  );
  return { server, auth, clock };
}

/** Opens a WebSocket with `headers`; resolves to 'open' or 'HTTP <status>'. */
function upgrade(server: TestServer, name: string, headers: Record<string, string>, query = ''): Promise<string> {
  const socket = rawSocket(server.wsUrl, `${name}${query}`, { headers });
  clients.track({ destroy: () => socket.ws.terminate() });
  return socket.opened.then(
    () => 'open',
    (err: Error) => err.message,
  );
}

function api(server: TestServer, path: string, headers: Record<string, string>, init: RequestInit = {}) {
  return fetch(`${server.url}/api${path}`, { ...init, headers: { ...headers, ...(init.headers as object) } });
}

const teamDoc = (): string => `team/${docName()}`;
const path = (name: string): string => `/docs/${encodeURIComponent(name)}`;

describe('SPEC: Access — --auth-url grants', () => {
  it('asks with the session cookie and origin on each upgrade, and a 200 answer grants like a token', async () => {
    const { server, auth } = await setup();
    const name = teamDoc();
    const origin = server.url;
    expect(await upgrade(server, encodeURIComponent(name), { Cookie: SESSION, Origin: origin })).toBe('open');
    expect(auth.questions).toEqual<AuthQuestion[]>([{ docName: name, token: null, cookie: SESSION, origin }]);
    expect(await upgrade(server, encodeURIComponent(teamDoc()), { Cookie: 'sid=stranger' })).toBe('HTTP 401');
  });

  it('answers /api calls from the grant: write access to its documents, 403 elsewhere, list calls ask with docName null', async () => {
    const { server, auth } = await setup();
    const name = teamDoc();
    const headers = { Cookie: SESSION };
    const put = await api(server, path(name), headers, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/markdown' },
      body: '# Hi',
    });
    expect(put.status).toBe(201);
    expect((await api(server, path(`other/${docName()}`), headers)).status).toBe(403);
    expect((await api(server, path(name), headers, { method: 'DELETE' })).status).toBe(403);
    const list = (await (await api(server, '/docs', headers)).json()) as { docs: { name: string }[] };
    expect(list.docs.map((doc) => doc.name)).toContain(name);
    expect(auth.questions.some((question) => question.docName === null)).toBe(true);
    expect((await api(server, '/docs', { Cookie: 'sid=nobody' })).status).toBe(401);
  });

  it('grants the HTTP transport the same way', async () => {
    const { server } = await setup();
    const name = teamDoc();
    const controller = new AbortController();
    clients.track({ destroy: () => controller.abort() });
    const events = (cookie: string): Promise<Response> =>
      fetch(`${server.url}/api${path(name)}/events`, { headers: { Cookie: cookie }, signal: controller.signal });
    expect((await events('sid=nobody')).status).toBe(401);
    expect((await events(SESSION)).status).toBe(200);
  });

  it('passes 401 and 403 from the auth service on', async () => {
    const { server, auth } = await setup();
    auth.reply = (question) => ({ status: question.cookie === 'sid=banned' ? 403 : 401 });
    expect(await upgrade(server, 'team%2Fx', { Cookie: 'sid=banned' })).toBe('HTTP 403');
    expect((await api(server, '/docs', { Cookie: 'sid=banned' })).status).toBe(403);
    expect((await api(server, '/docs', { Cookie: 'sid=who' })).status).toBe(401);
  });
});

describe('SPEC: Access — --auth-url outages mean 503, never access', () => {
  const cases: [string, (auth: TestAuthService) => Promise<void> | void][] = [
    ['is down', (auth) => auth.close()],
    ['answers 500', (auth) => void (auth.reply = () => ({ status: 500 }))],
    ['answers 302', (auth) => void (auth.reply = () => ({ status: 302 }))],
    [
      'answers with an unknown access level',
      (auth) => {
        auth.reply = () => ({ status: 200, body: { sub: 'ada', access: 'owner', docs: ['*'] } });
      },
    ],
    [
      'answers 200 without a user',
      (auth) => void (auth.reply = () => ({ status: 200, body: { access: 'admin', docs: ['*'] } })),
    ],
    ['answers 200 with something that is not JSON', (auth) => void (auth.reply = () => ({ status: 200, body: 'OK!' }))],
  ];
  for (const [what, breakIt] of cases) {
    it(`503 when the auth service ${what}`, async () => {
      const { server, auth } = await setup();
      await breakIt(auth);
      const name = encodeURIComponent(teamDoc());
      expect(await upgrade(server, name, { Cookie: SESSION })).toBe('HTTP 503');
      const res = await api(server, '/docs', { Cookie: SESSION });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: 'auth service unavailable' });
    });
  }
});

describe('SPEC: Access — --auth-url timing and caching', () => {
  it('503 when the auth service does not answer within 5 s, without holding others up', async () => {
    const { server, auth, clock } = await setup();
    auth.reply = (question) => (question.cookie === 'sid=slow' ? 'hang' : { status: 401 });
    const slow = api(server, '/docs', { Cookie: 'sid=slow' });
    await waitFor(() => auth.questions.length === 1, { what: 'the question' });
    expect((await api(server, '/docs', { Cookie: 'sid=other' })).status).toBe(401);
    clock.advance(5_000);
    expect((await slow).status).toBe(503);
  });

  it('keeps an answer per credential and document for --auth-cache-seconds', async () => {
    const { server, auth, clock } = await setup({ cacheSeconds: 30 });
    const name = teamDoc();
    const read = (cookie: string, doc = name): Promise<Response> => api(server, path(doc), { Cookie: cookie });
    await api(
      server,
      path(name),
      { Cookie: SESSION },
      { method: 'PUT', headers: { 'Content-Type': 'text/markdown' }, body: 'x' },
    );
    const asked = auth.questions.length;
    expect((await read(SESSION)).status).toBe(200);
    expect((await read(SESSION)).status).toBe(200);
    expect(auth.questions.length).toBe(asked);
    expect((await read('sid=nobody')).status).toBe(401);
    expect((await read('sid=nobody')).status).toBe(401);
    expect(auth.questions.length).toBe(asked + 1);
    expect((await read(SESSION, teamDoc())).status).toBe(404);
    expect(auth.questions.length).toBe(asked + 2);
    // The session ends in the app: once the cached answer is older than 30 s, Quire hears it.
    auth.reply = () => ({ status: 401 });
    clock.advance(29_999);
    expect((await read(SESSION)).status).toBe(200);
    clock.advance(1);
    expect((await read(SESSION)).status).toBe(401);
  });

  it('does not cache an outage: the next request asks again', async () => {
    const { server, auth } = await setup();
    auth.reply = () => ({ status: 500 });
    expect((await api(server, '/docs', { Cookie: SESSION })).status).toBe(503);
    auth.reply = () => ({ status: 200, body: { sub: 'ada', access: 'read', docs: ['*'] } });
    expect((await api(server, '/docs', { Cookie: SESSION })).status).toBe(200);
  });
});

describe('SPEC: Access — --auth-url with --auth-secret', () => {
  it('uses a token that verifies with the secret as it is, and asks the auth URL about everything else', async () => {
    const { server, auth } = await setup({ authSecret: TEST_SECRET });
    const token = await makeToken({ sub: 'bot', docs: ['*'], access: 'admin' });
    expect((await api(server, '/docs', { Authorization: `Bearer ${token}` })).status).toBe(200);
    expect(auth.questions).toEqual([]);
    expect((await api(server, '/docs', { Cookie: SESSION })).status).toBe(200);
    const foreign = await makeToken({ secret: 'another-secret-0123456789', sub: 'x' });
    expect((await api(server, '/docs', { Authorization: `Bearer ${foreign}` })).status).toBe(401);
    expect(auth.questions.map((question) => question.token)).toEqual([null, foreign]);
  });
});
