/**
 * Copying a document keeps its uploaded images (SPEC: Files (images)): the copy's images
 * show the copy's own files, which the server accepts, and the files are there.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { fileUrl } from '@quire/shared';
import { DocApi } from '../src/collab/http-api.js';
import { startTestServer, tinyPng, type TestServer } from './support/server.js';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

const docPath = (name: string): string => `${server.url}/api/docs/${encodeURIComponent(name)}`;

describe('copying a document with images (SPEC: Files (images))', () => {
  it("the copy shows its own copies of the original's files", async () => {
    server = await startTestServer();
    const [source, target] = [`copy/${randomUUID()}`, `copy/${randomUUID()}`];
    const put = await fetch(docPath(source), {
      method: 'PUT',
      headers: { 'Content-Type': 'text/markdown' },
      body: 'x',
    });
    expect(put.status).toBe(201);
    const uploaded = await fetch(`${docPath(source)}/files`, {
      method: 'POST',
      headers: { 'Content-Type': 'image/png' },
      body: Buffer.from(tinyPng([4, 5, 6])),
    });
    const { id } = (await uploaded.json()) as { id: string };
    const markdown = `Here: ![dot](${fileUrl(source, id)}) and ![web](https://example.com/w.png)`;
    await fetch(docPath(source), { method: 'PUT', headers: { 'Content-Type': 'text/markdown' }, body: markdown });

    await new DocApi(server.url, source, undefined).copyTo(target);

    const copied = await (await fetch(`${docPath(target)}?format=markdown`)).text();
    expect(copied.trim()).toBe(`Here: ![dot](${fileUrl(target, id)}) and ![web](https://example.com/w.png)`);
    const file = await fetch(`${server.url}${fileUrl(target, id)}`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(tinyPng([4, 5, 6])))).toBe(true);
  });
});
