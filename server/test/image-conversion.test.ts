import { afterEach, describe, expect, it } from 'vitest';
import { fileUrl } from '@quire/shared';
import { docUrl } from './doc-checks.js';
import { docName, startTestServer, type TestServer } from './helpers.js';

/**
 * SPEC: Web (Markdown `![alt](url)`), HTTP (formats and PUT), Files (images): images go in
 * and out of Markdown and HTML, and a second trip gives the same text.
 */
let server: TestServer;
afterEach(async () => {
  await server?.close();
});

async function put(name: string, body: string, type: 'text/markdown' | 'text/html'): Promise<void> {
  const res = await fetch(docUrl(server.url, name), { method: 'PUT', headers: { 'Content-Type': type }, body });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}
const render = async (name: string, format: string): Promise<string> =>
  (await fetch(`${docUrl(server.url, name)}?format=${format}`)).text();

describe('images in conversions (SPEC: Web, HTTP)', () => {
  it('Markdown images come back as the same Markdown, own files and https: alike', async () => {
    server = await startTestServer();
    const name = docName();
    const own = fileUrl(name, 'c'.repeat(64));
    const markdown = `Look: ![a red dot](${own}) and ![](https://example.com/pic.png) here.`;
    await put(name, markdown, 'text/markdown');
    const exported = await render(name, 'markdown');
    expect(exported.trim()).toBe(markdown);
    await put(name, exported, 'text/markdown');
    expect((await render(name, 'markdown')).trim()).toBe(markdown);
  });

  it('HTML <img> keeps its source, alt text and width, and exports as <img>', async () => {
    server = await startTestServer();
    const name = docName();
    await put(name, '<p>x <img src="https://example.com/a.png" alt="An A" width="120"> y</p>', 'text/html');
    const html = await render(name, 'html');
    expect(html).toMatch(/<img[^>]*src="https:\/\/example\.com\/a\.png"/);
    expect(html).toMatch(/<img[^>]*alt="An A"/);
    expect(html).toMatch(/<img[^>]*width="120"/);
    const json = JSON.parse(await render(name, 'json')) as { root: { children: Array<{ children: unknown[] }> } };
    expect(JSON.stringify(json)).toContain('"type":"image"');
    await put(name, html, 'text/html');
    expect(await render(name, 'html')).toBe(html);
    // The spaces on both sides of the image survive the HTML import.
    expect((await render(name, 'markdown')).trim()).toBe('x ![An A](https://example.com/a.png) y');
  });

  it('an image inside a link moves out behind it, where the editor keeps images', async () => {
    server = await startTestServer();
    const name = docName();
    await put(
      name,
      '<p><a href="https://example.com">go <img src="https://example.com/i.png" alt="i"></a></p>',
      'text/html',
    );
    const markdown = (await render(name, 'markdown')).trim();
    // The space between "go" and the picture stays, at the end of the link's text.
    expect(markdown).toBe('[go ](https://example.com)![i](https://example.com/i.png)');
  });
});
