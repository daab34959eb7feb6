import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { fileUrl } from '@quire/shared';
import { putMarkdown } from './doc-checks.js';
import {
  TEST_SECRET,
  docName,
  makeToken,
  startTestServer,
  tinyGif,
  tinyJpeg,
  tinyPng,
  tinyWebp,
  type TestServer,
} from './helpers.js';

/**
 * SPEC: Files (images) — uploads sniffed from the bytes, refused when they are not a PNG,
 * JPEG, GIF or WebP or not what they claim, limited in size, and served back with their
 * type, nosniff and a long private cache lifetime, to whoever may read the document.
 */
let server: TestServer;
afterEach(async () => {
  await server?.close();
});

const filesUrl = (name: string): string => `${server.url}/api/docs/${encodeURIComponent(name)}/files`;

async function upload(name: string, body: Uint8Array, type: string, token?: string): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': type };
  if (token) headers.Authorization = `Bearer ${token}`;
  return fetch(filesUrl(name), { method: 'POST', headers, body });
}

async function newDoc(): Promise<string> {
  const name = `${docName()}/pictures`;
  await putMarkdown(server.url, name, 'Pictures');
  return name;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('uploading files (SPEC: Files (images))', () => {
  it.each([
    ['PNG', tinyPng(), 'image/png'],
    ['JPEG', tinyJpeg(), 'image/jpeg'],
    ['GIF', tinyGif(), 'image/gif'],
    ['WebP', tinyWebp(), 'image/webp'],
  ])('stores a %s and serves it back with its type, nosniff and a long private cache', async (_kind, bytes, type) => {
    server = await startTestServer();
    const name = await newDoc();
    const res = await upload(name, bytes, type);
    expect(res.status).toBe(201);
    const id = sha256(bytes);
    expect(await res.json()).toEqual({ id, url: fileUrl(name, id), type, size: bytes.byteLength });
    const got = await fetch(`${server.url}${fileUrl(name, id)}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe(type);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('cache-control')).toMatch(/private, max-age=\d{7,}/);
    expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  it('gives the same bytes the same id, and other bytes another', async () => {
    server = await startTestServer();
    const name = await newDoc();
    const first = (await (await upload(name, tinyPng(), 'image/png')).json()) as { id: string };
    const again = (await (await upload(name, tinyPng(), 'image/png')).json()) as { id: string };
    const other = (await (await upload(name, tinyPng([1, 2, 3]), 'image/png')).json()) as { id: string };
    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
  });

  const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  const HTML = Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>');
  it.each([
    ['an SVG declared as SVG', SVG, 'image/svg+xml', 415],
    ['an SVG declared as PNG', SVG, 'image/png', 415],
    ['HTML disguised as a PNG', HTML, 'image/png', 415],
    ['a PNG declared as a GIF', tinyPng(), 'image/gif', 415],
    ['a PNG declared as octet-stream', tinyPng(), 'application/octet-stream', 415],
    ['a PNG declared as text/html', tinyPng(), 'text/html', 415],
    ['an empty body', new Uint8Array(0), 'image/png', 400],
    ['a PDF declared as a PNG', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'), 'image/png', 415],
  ])('refuses %s', async (_label, body, type, status) => {
    server = await startTestServer();
    const name = await newDoc();
    const res = await upload(name, body, type);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toBeTruthy();
  });

  it('refuses a file over --max-upload-bytes with 413, by its declared length or while reading it', async () => {
    server = await startTestServer({ maxUploadBytes: 2048 });
    const name = await newDoc();
    const big = Buffer.concat([Buffer.from(tinyPng()), Buffer.alloc(4096)]);
    expect((await upload(name, big, 'image/png')).status).toBe(413);
    expect(await chunkedUpload(name, big)).toBe(413);
    expect((await upload(name, tinyPng(), 'image/png')).status).toBe(201);
  });

  it('answers 404 for a document that does not exist, and for an unknown file; 400 for a malformed id', async () => {
    server = await startTestServer();
    expect((await upload(`${docName()}-missing`, tinyPng(), 'image/png')).status).toBe(404);
    const name = await newDoc();
    expect((await fetch(`${server.url}${fileUrl(name, 'a'.repeat(64))}`)).status).toBe(404);
    for (const id of ['abc', 'A'.repeat(64), `${'a'.repeat(63)}g`, '..%2F..%2Fetc']) {
      expect((await fetch(`${filesUrl(name)}/${id}`)).status, id).toBe(400);
    }
  });

  it("does not serve one document's file under another document's name", async () => {
    server = await startTestServer();
    const [mine, theirs] = [await newDoc(), await newDoc()];
    const { id } = (await (await upload(mine, tinyPng(), 'image/png')).json()) as { id: string };
    expect((await fetch(`${server.url}${fileUrl(theirs, id)}`)).status).toBe(404);
  });
});

describe('access to files (SPEC: Files (images), Access)', () => {
  it('read tokens fetch files (Bearer or ?token=) but cannot upload; write tokens upload; no token gets 401', async () => {
    server = await startTestServer({ authSecret: TEST_SECRET });
    const name = `${docName()}-secret`;
    const [admin, write, read, other] = await Promise.all([
      makeToken({ access: 'admin' }),
      makeToken({ access: 'write' }),
      makeToken({ access: 'read' }),
      makeToken({ access: 'read', docs: ['someone-else'] }),
    ]);
    await putWithToken(name, admin);
    expect((await upload(name, tinyPng(), 'image/png')).status).toBe(401);
    expect((await upload(name, tinyPng(), 'image/png', read)).status).toBe(403);
    const res = await upload(name, tinyPng(), 'image/png', write);
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    expect((await fetch(`${server.url}${url}`)).status).toBe(401);
    expect((await fetch(`${server.url}${url}`, { headers: { Authorization: `Bearer ${read}` } })).status).toBe(200);
    expect((await fetch(`${server.url}${url}?token=${read}`)).status).toBe(200);
    expect((await fetch(`${server.url}${url}?token=${other}`)).status).toBe(403);
    expect((await fetch(`${server.url}${url}?token=nonsense`)).status).toBe(401);
  });

  it('?token= is accepted only for reading files, not by the rest of /api', async () => {
    server = await startTestServer({ authSecret: TEST_SECRET });
    const name = `${docName()}-secret`;
    const admin = await makeToken({ access: 'admin' });
    await putWithToken(name, admin);
    const docUrl = `${server.url}/api/docs/${encodeURIComponent(name)}`;
    expect((await fetch(`${docUrl}?format=text&token=${admin}`)).status).toBe(401);
    const res = await fetch(`${filesUrl(name)}?token=${admin}`, {
      method: 'POST',
      headers: { 'Content-Type': 'image/png' },
      body: tinyPng(),
    });
    expect(res.status).toBe(401);
  });
});

async function putWithToken(name: string, token: string): Promise<void> {
  const res = await fetch(`${server.url}/api/docs/${encodeURIComponent(name)}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'text/markdown', Authorization: `Bearer ${token}` },
    body: 'x',
  });
  expect(res.status).toBe(201);
}

/** Sends `body` without a Content-Length (chunked), as a client hiding its size would. */
function chunkedUpload(name: string, body: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(filesUrl(name), { method: 'POST', headers: { 'Content-Type': 'image/png' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    for (let at = 0; at < body.byteLength; at += 512) req.write(body.subarray(at, at + 512));
    req.end();
  });
}
