import { afterEach, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import * as encoding from 'lib0/encoding';
import { BATCH_OVERHEAD_BYTES, CloseCode, DEFAULT_SERVER_OPTIONS, MessageType } from '@quire/shared';

import { docName, startTestServer, useClients, waitFor, type TestClient, type TestServer } from './helpers.js';
import { captureLogs, postWithoutFinishing, WARN, type LogLine } from './raw-http.js';

const DEFAULT_MAX_MESSAGE_BYTES = DEFAULT_SERVER_OPTIONS.maxMessageBytes;

/**
 * Issue 18, findings 1 and 7: one request must never take the server down. Frame batches
 * of the HTTP transport are bounded before any work, a closed connection is fed nothing
 * more and is logged once, and no body is read before its request has been authorised.
 * These cases exist only on the HTTP transport (a POST carries a batch of frames and a body
 * arrives before it is read); the bad frames every transport can carry, the rate-limit
 * flood among them, are the abuse table run over both in abuse.test.ts.
 */
let server: TestServer;
const streams: AbortController[] = [];

afterEach(async () => {
  for (const s of streams.splice(0)) s.abort();
  await server?.close();
});
const clients = useClients();

const editingPair = (name: string, params: Record<string, string> = {}): Promise<[TestClient, TestClient]> =>
  clients.pair(server.wsUrl, name, { params });

async function stillEditing([editor, watcher]: [TestClient, TestClient], text: string): Promise<void> {
  editor.text.insert(editor.text.length, text);
  await waitFor(() => watcher.text.toString().includes(text), { what: 'another client sees the edit' });
}

/** Opens an HTTP-transport session; `closeCode` resolves with the code its stream ends with. */
async function openSession(name: string): Promise<{ postUrl: string; closeCode: Promise<number> }> {
  const abort = new AbortController();
  streams.push(abort);
  const res = await fetch(`${server.url}/api/docs/${name}/events`, { signal: abort.signal });
  const reader = res.body!.getReader();
  let text = '';
  const readUntil = async (pattern: RegExp): Promise<RegExpExecArray> => {
    for (;;) {
      const found = pattern.exec(text);
      if (found) return found;
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      text += new TextDecoder().decode(value);
    }
  };
  const session = (await readUntil(/event: session\ndata: (\S+)/))[1];
  const closeCode = readUntil(/event: close\ndata: (\{.*\})/).then(
    (found) => (JSON.parse(found[1] ?? '{}') as { code: number }).code,
  );
  closeCode.catch(() => undefined);
  return { postUrl: `${server.url}/api/docs/${name}/events/${session}`, closeCode };
}

function batchOf(frames: Uint8Array[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const frame of frames) encoding.writeVarUint8Array(encoder, frame);
  return encoding.toUint8Array(encoder);
}

const warningsOf = (lines: LogLine[]): LogLine[] => lines.filter((line) => line.level >= WARN);

describe('HTTP transport frame batches are bounded (issue 18; SPEC: When WebSockets are blocked)', () => {
  it('16 MiB of zero bytes (16 million empty frames) gets 413 at once, closes the session with 1009 and logs one line', async () => {
    const logs = captureLogs();
    server = await startTestServer({ logger: logs.logger });
    const name = docName();
    const pair = await editingPair(name);
    const session = await openSession(name);

    const res = await fetch(session.postUrl, { method: 'POST', body: new Uint8Array(DEFAULT_MAX_MESSAGE_BYTES) });

    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'more than 1024 frames in one batch' });
    expect(await session.closeCode).toBe(CloseCode.TooLarge);
    expect(warningsOf(logs.lines)).toEqual([expect.objectContaining({ code: CloseCode.TooLarge, status: 413 })]);
    expect((await fetch(session.postUrl, { method: 'POST', body: new Uint8Array(0) })).status).toBe(404);
    await stillEditing(pair, 'still here');
  });

  it('a batch declared larger than the frame limit plus overhead is refused before it is read', async () => {
    server = await startTestServer();
    const name = docName();
    const pair = await editingPair(name);
    const session = await openSession(name);

    const answer = await postWithoutFinishing(session.postUrl, DEFAULT_MAX_MESSAGE_BYTES + BATCH_OVERHEAD_BYTES + 1);

    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(await session.closeCode).toBe(CloseCode.TooLarge);
    await stillEditing(pair, 'unaffected');
  });

  it('frames after a rate-limit close are dropped unread: one log line, not one per frame', async () => {
    const logs = captureLogs();
    server = await startTestServer({ logger: logs.logger, maxMessagesPerSecond: 10 });
    const name = docName();
    const pair = await editingPair(name);
    const session = await openSession(name);
    const queries = Array.from({ length: 1000 }, () => Uint8Array.of(MessageType.QueryAwareness));

    const res = await fetch(session.postUrl, { method: 'POST', body: batchOf(queries) });

    expect(res.status).toBe(204);
    expect(await session.closeCode).toBe(CloseCode.RateLimited);
    const refusals = warningsOf(logs.lines).filter((line) => line.msg === 'rate limit exceeded');
    expect(refusals).toHaveLength(1);
    await stillEditing(pair, 'carry on');
  });
});

describe('bodies are read only after the request is authorised (issue 18; SPEC: Access)', () => {
  const SECRET = 'abuse-http-secret-0123456789abcdef';

  async function writeToken(): Promise<string> {
    return new SignJWT({ docs: ['*'], access: 'write' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('editor')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
  }

  it('40 tokenless 16 MiB POSTs to made-up sessions are answered 404 before their bodies are sent', async () => {
    server = await startTestServer({ authSecret: SECRET });
    const name = docName();
    const editors = await editingPair(name, { token: await writeToken() });

    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        postWithoutFinishing(`${server.url}/api/docs/${name}/events/made-up-${i}`, DEFAULT_MAX_MESSAGE_BYTES),
      ),
    );

    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(404));
    await stillEditing(editors, 'memory kept');
  });

  it('tokenless POST updates, PUT and versions get 401 before their bodies are sent', async () => {
    server = await startTestServer({ authSecret: SECRET });
    const name = docName();
    const url = `${server.url}/api/docs/${name}`;
    const markdown = { 'Content-Type': 'text/markdown' };
    const answers = await Promise.all([
      postWithoutFinishing(`${url}/updates`, DEFAULT_MAX_MESSAGE_BYTES),
      postWithoutFinishing(url, DEFAULT_MAX_MESSAGE_BYTES, { method: 'PUT', headers: markdown }),
      postWithoutFinishing(`${url}/versions`, DEFAULT_MAX_MESSAGE_BYTES, {
        headers: { 'Content-Type': 'application/json' },
      }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401]);
    expect(answers.map((a) => JSON.parse(a.body) as unknown)).toEqual(Array(3).fill({ error: expect.any(String) }));
  });

  it('an authorised body declared over the limit gets 413 before it is sent', async () => {
    server = await startTestServer({ authSecret: SECRET, maxMessageBytes: 64 * 1024 });
    const name = docName();
    const auth = { Authorization: `Bearer ${await writeToken()}` };
    const url = `${server.url}/api/docs/${name}`;
    const answers = await Promise.all([
      postWithoutFinishing(`${url}/updates`, 1024 * 1024, { headers: auth }),
      postWithoutFinishing(url, 1024 * 1024, { method: 'PUT', headers: { ...auth, 'Content-Type': 'text/markdown' } }),
      postWithoutFinishing(`${url}/versions`, 1024 * 1024, {
        headers: { ...auth, 'Content-Type': 'application/json' },
      }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([413, 413, 413]);
  });
});
