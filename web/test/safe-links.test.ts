/**
 * Links in the document cannot reach back to the editor (issue #18, reverse tabnabbing),
 * in real Chromium: a clicked link opens a tab without `window.opener` or a referrer, and
 * every rendered link says `rel="noopener noreferrer"`, whatever `rel` was stored.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { editorOf, HAS_CHROMIUM, openDoc } from './support/browser.js';
import { useBrowserSuite } from './support/suite.js';

describe.skipIf(!HAS_CHROMIUM)('links in the editor (issue #18)', () => {
  const suite = useBrowserSuite([{ name: 'Ada', color: '#c0392b' }]);

  it('a clicked link opens a new tab with window.opener null and no referrer; links render rel="noopener noreferrer"', async () => {
    const { server } = suite;
    const { page, context } = suite.people[0]!;
    const name = `links-${randomUUID()}`;
    const target = `${server.url}/healthz`;
    const html =
      `<p>Read <a href="${target}">the plain link</a> or ` +
      `<a href="${target}?stored" target="_blank" rel="opener">one stored with rel=opener</a>.</p>`;
    const put = await fetch(`${server.url}/api/docs/${name}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/html' },
      body: html,
    });
    expect(put.ok).toBe(true);
    await openDoc(page, server.url, name);
    const links = editorOf(page).locator('a');
    await links.nth(1).waitFor();
    expect(await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('rel')))).toEqual([
      'noopener noreferrer',
      'noopener noreferrer',
    ]);

    for (const index of [0, 1]) {
      const opened = context.waitForEvent('page');
      await links.nth(index).click();
      const tab = await opened;
      await tab.waitForLoadState();
      expect(tab.url()).toContain(target);
      expect(await tab.evaluate(() => window.opener === null)).toBe(true);
      expect(await tab.evaluate(() => document.referrer)).toBe('');
      await tab.close();
    }
    // The editor's own tab stayed where it was.
    expect(page.url()).toContain(`/d/${name}`);
  });

  it('pasting HTML from another page with inline styles and odd link targets keeps the connection and the text, without them', async () => {
    const { server } = suite;
    const { page } = suite.people[0]!;
    const name = `paste-${randomUUID()}`;
    await openDoc(page, server.url, name);
    await editorOf(page).click();
    const html =
      '<p style="text-align:center;color:red"><span style="position:fixed;inset:0;background:url(https://x.example/b)">Styled words</span> ' +
      '<a href="https://example.com/a" target="_new" rel="opener">an odd link</a></p>';
    await page.evaluate((clipboard) => {
      const data = new DataTransfer();
      data.setData('text/html', clipboard);
      data.setData('text/plain', 'Styled words an odd link');
      document
        .querySelector('.q-content')
        ?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, html);
    await page.keyboard.type(' then typed');
    const text = async (): Promise<string> => (await fetch(`${server.url}/api/docs/${name}?format=text`)).text();
    await expect.poll(text, { timeout: 10_000 }).toContain('Styled words an odd link then typed');
    const stored = await (await fetch(`${server.url}/api/docs/${name}?format=json`)).text();
    expect(stored).not.toMatch(/position|background|opener|_new/);
    // Still connected: the server took every update (a refused one closes the editor's connection).
    await page
      .getByRole('status')
      .filter({ hasText: 'Connected' })
      .filter({ hasText: 'Saved' })
      .waitFor({ timeout: 10_000 });
  });
});
