import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode, fileUrl } from '@quire/shared';
import { FILE_COLLECT_INTERVAL_MS, UNUSED_FILE_GRACE_MS } from '../src/documents/file-collector.js';
import { docUrl, putMarkdown, stateOf } from './doc-checks.js';
import {
  ManualClock,
  HAS_REDIS,
  docName,
  startTestServer,
  tinyPng,
  useRedis,
  useServers,
  waitFor,
  type TestServer,
} from './helpers.js';
import { insertImageUpdate } from './image-updates.js';
import { postUpdate, sendOverHttp, sendOverWebSocket } from './update-senders.js';

/**
 * SPEC: Files (images) — files live with their document: removed with it, removed once
 * neither the document nor a version uses them (after a delay), shared by every instance
 * of a cluster; and an image may show only its document's files or https: URLs, on every
 * way an update comes in.
 */
const redis = useRedis();
const servers = useServers();
let server: TestServer;
afterEach(async () => {
  await server?.close();
});

async function uploadPng(base: string, name: string, colour: [number, number, number]): Promise<string> {
  const res = await fetch(`${docUrl(base, name)}/files`, {
    method: 'POST',
    headers: { 'Content-Type': 'image/png' },
    body: tinyPng(colour),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const fileStatus = async (base: string, name: string, id: string): Promise<number> =>
  (await fetch(`${base}${fileUrl(name, id)}`)).status;

async function showImage(name: string, id: string): Promise<void> {
  const update = insertImageUpdate(await stateOf(server.url, name), fileUrl(name, id));
  expect(await postUpdate(server.url, name, update)).toBe(200);
}

describe('files live with their document (SPEC: Files (images))', () => {
  it('a deleted document takes its files with it, also from a new document of the same name', async () => {
    server = await startTestServer();
    const name = docName();
    await putMarkdown(server.url, name, 'Pictures');
    const id = await uploadPng(server.url, name, [9, 9, 9]);
    await showImage(name, id);
    expect((await fetch(docUrl(server.url, name), { method: 'DELETE' })).status).toBe(204);
    await putMarkdown(server.url, name, 'Born again');
    expect(await fileStatus(server.url, name, id)).toBe(404);
  });

  it('a file neither the document nor a version uses is removed after the delay; used and recent ones stay', async () => {
    const clock = new ManualClock();
    server = await startTestServer({ clock });
    const name = docName();
    await putMarkdown(server.url, name, 'Pictures');
    const [shown, inVersion, unused] = [
      await uploadPng(server.url, name, [1, 0, 0]),
      await uploadPng(server.url, name, [0, 1, 0]),
      await uploadPng(server.url, name, [0, 0, 1]),
    ];
    await showImage(name, inVersion);
    const version = await fetch(`${docUrl(server.url, name)}/versions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ label: 'with a picture' }),
    });
    expect(version.status).toBe(201);
    await putMarkdown(server.url, name, `Now only ![kept](${fileUrl(name, shown)})`);
    clock.advance(UNUSED_FILE_GRACE_MS / 2);
    const recent = await uploadPng(server.url, name, [5, 5, 5]);
    expect(await fileStatus(server.url, name, unused)).toBe(200);
    clock.advance(UNUSED_FILE_GRACE_MS / 2 + FILE_COLLECT_INTERVAL_MS);
    await waitFor(async () => (await fileStatus(server.url, name, unused)) === 404, { what: 'unused file removed' });
    for (const id of [shown, inVersion, recent]) expect(await fileStatus(server.url, name, id)).toBe(200);
    clock.advance(UNUSED_FILE_GRACE_MS);
    await waitFor(async () => (await fileStatus(server.url, name, recent)) === 404, { what: 'later unused file' });
    for (const id of [shown, inVersion]) expect(await fileStatus(server.url, name, id)).toBe(200);
  });
});

describe.runIf(HAS_REDIS)('files in cluster mode (SPEC: Files (images), Cluster mode)', () => {
  it('a file uploaded on one instance is served by another, and goes when the document is deleted there', async () => {
    const { url } = await redis.start();
    const [a, b] = await Promise.all([1, 2].map(async () => servers.track(await startTestServer({ redisUrl: url }))));
    const name = docName();
    await putMarkdown(a!.url, name, 'Pictures');
    const id = await uploadPng(a!.url, name, [3, 4, 5]);
    const got = await fetch(`${b!.url}${fileUrl(name, id)}`);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(tinyPng([3, 4, 5])))).toBe(true);
    expect((await fetch(docUrl(b!.url, name), { method: 'DELETE' })).status).toBe(204);
    expect(await fileStatus(a!.url, name, id)).toBe(404);
  });
});

describe('image sources on every way in (SPEC: Files (images))', () => {
  const HOSTILE = [
    'javascript:alert(1)',
    'data:image/png;base64,iVBORw0KGgo=',
    'http://example.com/a.png',
    fileUrl('someone-else', 'a'.repeat(64)),
  ];

  it.each(HOSTILE)(
    'refuses an image showing %s over WebSocket (1003), HTTP transport (1003) and POST (400)',
    async (src) => {
      server = await startTestServer();
      const name = docName();
      await putMarkdown(server.url, name, 'Pictures');
      const update = insertImageUpdate(await stateOf(server.url, name), src);
      expect(await sendOverWebSocket(server, name, update)).toBe(CloseCode.UnsupportedData);
      expect(await sendOverHttp(server, name, update)).toBe(CloseCode.UnsupportedData);
      expect(await postUpdate(server.url, name, update)).toBe(400);
      const markdown = await (await fetch(`${docUrl(server.url, name)}?format=markdown`)).text();
      expect(markdown).not.toContain('![');
    },
  );

  it("accepts the document's own file and https: images on every way in", async () => {
    server = await startTestServer();
    const name = docName();
    await putMarkdown(server.url, name, 'Pictures');
    const id = await uploadPng(server.url, name, [7, 7, 7]);
    const own = insertImageUpdate(await stateOf(server.url, name), fileUrl(name, id));
    expect(await sendOverWebSocket(server, name, own)).toBeNull();
    const https = insertImageUpdate(await stateOf(server.url, name), 'https://example.com/b.png');
    expect(await sendOverHttp(server, name, https)).toBeNull();
    const markdown = await (await fetch(`${docUrl(server.url, name)}?format=markdown`)).text();
    expect(markdown).toContain(`](${fileUrl(name, id)})`);
    expect(markdown).toContain('](https://example.com/b.png)');
  });

  it('PUT refuses Markdown and HTML with an image it may not show (400), and keeps the document as it was', async () => {
    server = await startTestServer();
    const name = docName();
    await putMarkdown(server.url, name, 'Before');
    for (const [type, body] of [
      ['text/markdown', '![x](http://example.com/a.png)'],
      ['text/html', '<p><img src="javascript:alert(1)"></p>'],
      ['text/html', `<p><img src="${fileUrl('other', 'b'.repeat(64))}"></p>`],
    ] as const) {
      const res = await fetch(docUrl(server.url, name), { method: 'PUT', headers: { 'Content-Type': type }, body });
      expect(res.status, body).toBe(400);
    }
    expect(await (await fetch(`${docUrl(server.url, name)}?format=text`)).text()).toContain('Before');
  });
});
