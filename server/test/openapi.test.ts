import { Validator } from '@seriousme/openapi-schema-validator';
import * as encoding from 'lib0/encoding';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppDeps } from '../src/http/app.js';
import { AnswerChecker, expressApiRoutes, type OpenApiDocument } from './openapi-checker.js';
import { makeTempDir, makeToken, startTestServer, TEST_SECRET, tinyPng, type TestServer } from './helpers.js';

/**
 * SPEC: HTTP — `GET /api/openapi.json` describes every `/api` route (issue 24). Every route
 * is called for real, with answers that succeed and answers that fail, and each answer is
 * checked against the document: its status, content type and body schema.
 */
let server: TestServer;
let document: OpenApiDocument;
let checker: AnswerChecker;
const tokens: Record<'admin' | 'writer' | 'reader' | 'otherDocs', string> = {
  admin: '',
  writer: '',
  reader: '',
  otherDocs: '',
};

beforeAll(async () => {
  server = await startTestServer({ authSecret: TEST_SECRET, maxMessageBytes: 64 * 1024 });
  tokens.admin = await makeToken({ access: 'admin' });
  tokens.writer = await makeToken({ access: 'write' });
  tokens.reader = await makeToken({ access: 'read' });
  tokens.otherDocs = await makeToken({ docs: ['elsewhere/*'], access: 'admin' });
  document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApiDocument;
  checker = new AnswerChecker(document);
});
afterAll(async () => {
  await server.close();
});

interface Call {
  token?: keyof typeof tokens;
  type?: string;
  body?: RequestInit['body'];
  origin?: string;
  signal?: AbortSignal;
}

/** Calls `url` (below /api) as `template` says and checks the answer against the document. */
async function call(method: string, template: string, url: string, options: Call = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${tokens[options.token]}`;
  if (options.type !== undefined) headers['content-type'] = options.type;
  if (options.origin !== undefined) headers.origin = options.origin;
  const response = await fetch(`${server.url}/api${url}`, {
    method: method.toUpperCase(),
    headers,
    body: options.body,
    signal: options.signal,
  });
  await checker.check(method, `/api${template}`, response.clone());
  return response;
}

function frames(...list: Uint8Array[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const frame of list) encoding.writeVarUint8Array(encoder, frame);
  return encoding.toUint8Array(encoder);
}

/** The session id the stream names in its first event. */
async function sessionOf(stream: Response): Promise<string> {
  const reader = stream.body!.getReader();
  let text = '';
  for (;;) {
    const session = /event: session\ndata: (\S+)/.exec(text)?.[1];
    if (session !== undefined) return session;
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream ended before naming its session: ${text}`);
    text += new TextDecoder().decode(value);
  }
}

describe('GET /api/openapi.json (SPEC: HTTP)', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(document as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    await call('get', '/openapi.json', '/openapi.json');
  });

  it('documents the documents routes, whose real answers match it', async () => {
    const doc = '/docs/{name}';
    expect(
      (await call('put', doc, '/docs/notes', { token: 'writer', type: 'text/markdown', body: '# Hi\n\nthere' })).status,
    ).toBe(201);
    expect(
      (await call('put', doc, '/docs/notes', { token: 'writer', type: 'text/markdown', body: '# Hi' })).status,
    ).toBe(200);
    expect(
      (await call('put', doc, '/docs/notes', { token: 'writer', type: 'application/json', body: '{}' })).status,
    ).toBe(415);
    expect(
      (await call('put', doc, '/docs/notes', { token: 'writer', type: 'text/html', body: 'x'.repeat(70_000) })).status,
    ).toBe(413);
    expect(
      (await call('put', doc, '/docs/notes', { token: 'reader', type: 'text/markdown', body: '# Hi' })).status,
    ).toBe(403);
    expect(
      (await call('put', doc, '/docs/a%01b', { token: 'writer', type: 'text/markdown', body: '# Hi' })).status,
    ).toBe(400);
    for (const format of ['json', 'text', 'markdown', 'html', 'yjs']) {
      expect((await call('get', doc, `/docs/notes?format=${format}`, { token: 'reader' })).status).toBe(200);
    }
    expect((await call('get', doc, '/docs/notes?format=pdf', { token: 'reader' })).status).toBe(400);
    expect((await call('get', doc, '/docs/never-made', { token: 'reader' })).status).toBe(404);
    expect((await call('get', doc, '/docs/notes', { token: 'otherDocs' })).status).toBe(403);
    expect((await call('get', doc, '/docs/notes')).status).toBe(401);
    expect((await call('get', '/docs', '/docs', { token: 'admin' })).status).toBe(200);
    expect((await call('get', '/docs', '/docs')).status).toBe(401);
    expect((await call('get', '/docs', '/docs', { token: 'admin', origin: 'https://evil.example' })).status).toBe(403);

    const state = new Uint8Array(
      await (await call('get', doc, '/docs/notes?format=yjs', { token: 'reader' })).arrayBuffer(),
    );
    const updates = '/docs/{name}/updates';
    const post = (body: Uint8Array, type = 'application/octet-stream'): Promise<Response> =>
      call('post', updates, '/docs/notes/updates', { token: 'writer', type, body });
    expect((await post(state)).status).toBe(200);
    expect((await post(Uint8Array.of(1, 2, 3, 0xff))).status).toBe(400);
    expect((await post(state, 'text/plain')).status).toBe(415);
    expect((await post(new Uint8Array(70_000))).status).toBe(413);
    expect(
      (await call('post', updates, '/docs/notes/updates', { type: 'application/octet-stream', body: state })).status,
    ).toBe(401);
  });

  it('documents the versions routes, whose real answers match it', async () => {
    const versions = '/docs/{name}/versions';
    const json = 'application/json';
    await call('put', '/docs/{name}', '/docs/versioned', { token: 'writer', type: 'text/markdown', body: 'one' });
    const created = await call('post', versions, '/docs/versioned/versions', {
      token: 'writer',
      type: json,
      body: '{"label":"v1"}',
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(
      (await call('post', versions, '/docs/versioned/versions', { token: 'writer', type: json, body: '{}' })).status,
    ).toBe(400);
    expect(
      (
        await call('post', versions, '/docs/never-made/versions', {
          token: 'writer',
          type: json,
          body: '{"label":"x"}',
        })
      ).status,
    ).toBe(404);
    expect((await call('get', versions, '/docs/versioned/versions', { token: 'reader' })).status).toBe(200);
    expect((await call('get', versions, '/docs/never-made/versions', { token: 'reader' })).status).toBe(404);
    const one = '/docs/{name}/versions/{id}';
    expect((await call('get', one, `/docs/versioned/versions/${id}?format=markdown`, { token: 'reader' })).status).toBe(
      200,
    );
    expect((await call('get', one, `/docs/versioned/versions/${id}`, { token: 'reader' })).status).toBe(200);
    expect((await call('get', one, '/docs/versioned/versions/nope', { token: 'reader' })).status).toBe(404);
    const restore = '/docs/{name}/versions/{id}/restore';
    expect((await call('post', restore, `/docs/versioned/versions/${id}/restore`, { token: 'writer' })).status).toBe(
      200,
    );
    expect((await call('post', restore, '/docs/versioned/versions/nope/restore', { token: 'writer' })).status).toBe(
      404,
    );
    expect((await call('post', restore, `/docs/versioned/versions/${id}/restore`, { token: 'reader' })).status).toBe(
      403,
    );

    const doc = '/docs/{name}';
    expect((await call('delete', doc, '/docs/versioned', { token: 'writer' })).status).toBe(403);
    expect((await call('delete', doc, '/docs/versioned', { token: 'admin' })).status).toBe(204);
    expect((await call('delete', doc, '/docs/versioned', { token: 'admin' })).status).toBe(404);
  });

  it('documents the HTTP transport, whose real answers match it', async () => {
    const events = '/docs/{name}/events';
    const abort = new AbortController();
    const stream = await call('get', events, `/docs/live/events?token=${tokens.writer}`, { signal: abort.signal });
    expect(stream.status).toBe(200);
    const session = await sessionOf(stream);
    expect((await call('get', events, '/docs/live/events')).status).toBe(401);
    expect((await call('get', events, `/docs/never-made/events?token=${tokens.reader}`)).status).toBe(404);
    expect((await call('get', events, `/docs/a%01b/events?token=${tokens.reader}`)).status).toBe(400);

    const batch = '/docs/{name}/events/{session}';
    const send = (id: string, body: Uint8Array): Promise<Response> =>
      call('post', batch, `/docs/live/events/${id}`, { type: 'application/octet-stream', body });
    expect((await send(session, new Uint8Array(0))).status).toBe(204);
    expect((await send('no-such-session', new Uint8Array(0))).status).toBe(404);
    expect((await send(session, frames(new Uint8Array(70 * 1024)))).status).toBe(413);
    abort.abort();
  });

  it('documents the files routes, whose real answers match it', async () => {
    const put = await call('put', '/docs/{name}', '/docs/pictures', {
      token: 'writer',
      type: 'text/markdown',
      body: 'x',
    });
    expect(put.status).toBe(201);
    const files = '/docs/{name}/files';
    const upload = (name: string, type: string, token: keyof typeof tokens = 'writer'): Promise<Response> =>
      call('post', files, `/docs/${name}/files`, { token, type, body: tinyPng() });
    const uploaded = await upload('pictures', 'image/png');
    expect(uploaded.status).toBe(201);
    const { id } = (await uploaded.json()) as { id: string };
    expect((await upload('pictures', 'image/svg+xml')).status).toBe(415);
    expect((await upload('never-made', 'image/png')).status).toBe(404);
    expect((await upload('pictures', 'image/png', 'reader')).status).toBe(403);
    const one = '/docs/{name}/files/{id}';
    expect((await call('get', one, `/docs/pictures/files/${id}?token=${tokens.reader}`)).status).toBe(200);
    expect((await call('get', one, `/docs/pictures/files/${id}`, { token: 'reader' })).status).toBe(200);
    expect((await call('get', one, `/docs/pictures/files/${'0'.repeat(64)}`, { token: 'reader' })).status).toBe(404);
    expect((await call('get', one, `/docs/pictures/files/${id}`)).status).toBe(401);
  });

  it('documents the comments routes, whose real answers match it', async () => {
    const put = await call('put', '/docs/{name}', '/docs/discussed', {
      token: 'writer',
      type: 'text/markdown',
      body: 'Some words to talk about.',
    });
    expect(put.status).toBe(201);
    const json = 'application/json';
    const list = '/docs/{name}/comments';
    const start = (body: string, token: keyof typeof tokens = 'writer'): Promise<Response> =>
      call('post', list, '/docs/discussed/comments', { token, type: json, body });
    const started = await start('{"quote":"words","body":"Which words?"}');
    expect(started.status).toBe(201);
    const { id } = (await started.json()) as { id: string };
    expect((await start('{"quote":"absent","body":"x"}')).status).toBe(422);
    expect((await start('{"quote":"words"}')).status).toBe(400);
    expect((await start('{"quote":"words","body":"x"}', 'reader')).status).toBe(403);
    expect((await call('get', list, '/docs/discussed/comments', { token: 'reader' })).status).toBe(200);
    expect((await call('get', list, '/docs/never-made/comments', { token: 'reader' })).status).toBe(404);
    const replies = '/docs/{name}/comments/{threadId}/replies';
    const reply = (thread: string, body: string): Promise<Response> =>
      call('post', replies, `/docs/discussed/comments/${thread}/replies`, { token: 'writer', type: json, body });
    expect((await reply(id, '{"body":"These."}')).status).toBe(201);
    expect((await reply('no-such-thread', '{"body":"These."}')).status).toBe(404);
    expect((await reply(id, '{}')).status).toBe(400);
    for (const action of ['resolve', 'reopen']) {
      const path = `/docs/{name}/comments/{threadId}/${action}`;
      expect((await call('post', path, `/docs/discussed/comments/${id}/${action}`, { token: 'writer' })).status).toBe(
        200,
      );
      expect((await call('post', path, `/docs/discussed/comments/nope/${action}`, { token: 'writer' })).status).toBe(
        404,
      );
    }
  });

  it('answers every documented operation with a success and an error, all checked above', () => {
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    for (const operation of operations) {
      const statuses = [...(checker.seen.get(operation) ?? [])];
      expect(
        statuses.some((status) => status < 300),
        `${operation} got no success`,
      ).toBe(true);
      if (operation !== 'get /api/openapi.json') {
        expect(
          statuses.some((status) => status >= 400),
          `${operation} got no error`,
        ).toBe(true);
      }
    }
  });

  it('lists every /api route express serves, and only those', async () => {
    const { dir } = await makeTempDir();
    const deps = {
      httpFallback: true,
      maxBodyBytes: 1024,
      httpSync: { maxMessageBytes: 1024 },
      allowedOrigins: [],
      hostRule: { isAny: true },
      logger: pino({ level: 'silent' }),
      webRoot: dir,
      docs: {},
    } as unknown as AppDeps;
    const served = expressApiRoutes(createApp(deps)).sort();
    const documented = Object.entries(document.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`))
      .sort();
    expect(served.length).toBeGreaterThan(5);
    expect(served).toEqual(documented);
  });
});
