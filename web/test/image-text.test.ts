/**
 * Images among typed and pasted text in real Chromium (SPEC: Files (images), Web): the
 * spaces around a pasted `<img>` stay, and the `![alt](source)` Markdown shortcut makes an
 * image only of a source the document may hold; any other stays text, as typed.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { fileUrl } from '@quire/shared';
import { editorOf, HAS_CHROMIUM, openDoc } from './support/browser.js';
import { useBrowserSuite } from './support/suite.js';
import { waitFor } from './support/server.js';

describe.skipIf(!HAS_CHROMIUM)('images among text (SPEC: Files (images), Web)', () => {
  const suite = useBrowserSuite([{ name: 'Ines', color: '#2f9e44' }]);
  let page: Page;
  let docName: string;

  beforeEach(async () => {
    page = suite.people[0]!.page;
    // The https: pictures below are never fetched: the test needs the nodes, not the bytes.
    await page.context().route(/^https:\/\/example\.com\//, (route) => route.abort());
    docName = `image-text/${randomUUID()}`;
    await openDoc(page, suite.server.url, docName);
    await editorOf(page).click();
  });

  /** The document as the server renders it, once it holds `expected`. */
  async function serverShows(format: 'markdown' | 'text', expected: string): Promise<string> {
    const url = `${suite.server.url}/api/docs/${encodeURIComponent(docName)}?format=${format}`;
    return waitFor(
      async () => {
        const body = (await (await fetch(url)).text()).trim();
        return body.includes(expected) ? body : undefined;
      },
      { timeoutMs: 15_000, what: `server ${format} with ${expected}` },
    );
  }

  it('pasted HTML keeps the spaces on both sides of an image', async () => {
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.setData('text/html', '<p>see <img src="https://example.com/a.png" alt="a"> here</p>');
      transfer.setData('text/plain', 'see here');
      const event = new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true });
      document.querySelector('.q-content')!.dispatchEvent(event);
    });
    expect(await serverShows('markdown', 'here')).toBe('see ![a](https://example.com/a.png) here');
  });

  it('typing ![alt](https://…) makes an image that stays, and typing goes on after it', async () => {
    await page.keyboard.type('A dot: ![a dot](https://example.com/dot.png)');
    await editorOf(page).locator('.q-image img[alt="a dot"]').waitFor({ timeout: 10_000 });
    await page.keyboard.type(' and more');
    expect(await serverShows('markdown', 'and more')).toBe('A dot: ![a dot](https://example.com/dot.png) and more');
    expect(await editorOf(page).locator('.q-image').count()).toBe(1);
  });

  it("typing ![alt](…) with one of the document's own file addresses makes an image too", async () => {
    const own = fileUrl(docName, 'e'.repeat(64));
    await page.keyboard.type(`Own: ![mine](${own})`);
    await page.keyboard.type(' end');
    expect(await serverShows('markdown', 'end')).toBe(`Own: ![mine](${own}) end`);
    expect(await editorOf(page).locator('.q-image').count()).toBe(1);
  });

  it('typing ![alt](http://…) leaves the text as typed: no image, no link, nothing lost', async () => {
    const typed = '![plain](http://example.com/x.png)';
    await page.keyboard.type(`Before ${typed}`);
    await page.keyboard.type(' after');
    expect(await serverShows('text', 'after')).toBe(`Before ${typed} after`);
    expect(await editorOf(page).innerText()).toBe(`Before ${typed} after`);
    expect(await editorOf(page).locator('.q-image, a').count()).toBe(0);
  });
});
