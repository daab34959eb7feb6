/**
 * Comments in embeds (SPEC: Web › Embedding, Comments): the script-tag editor and the
 * iframe page show the comments column like the app, styled by the embed's own inline CSS,
 * live both ways with a person in the app; `comments: false` (`?comments=0` for the
 * iframe) leaves it out.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { editorOf, HAS_CHROMIUM, launchBrowser, openDoc, openPerson, type Person } from './support/browser.js';
import { COMMENTS_PAGE } from './support/embed-pages.js';
import { startHostServer, type HostServer } from './support/host-server.js';
import { makeToken, startTestServer, TEST_SECRET, waitFor, type TestServer } from './support/server.js';

/** Selects the first `words` inside `root`, as a person dragging over them would. */
async function selectWords(page: Page, root: string, words: string): Promise<void> {
  await page.evaluate(
    ([selector, target]) => {
      const walker = document.createTreeWalker(document.querySelector(selector)!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(target);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + target.length);
        window.getSelection()!.removeAllRanges();
        window.getSelection()!.addRange(range);
        return;
      }
      throw new Error(`no "${target}" in ${selector}`);
    },
    [root, words] as const,
  );
}

describe.skipIf(!HAS_CHROMIUM)('comments in embedded editors (SPEC: Web › Embedding)', () => {
  let browser: Browser;
  let server: TestServer;
  let host: HostServer;
  let people: Person[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    host = await startHostServer({ pages: { '/comments.html': COMMENTS_PAGE } });
    server = await startTestServer({ authSecret: TEST_SECRET, allowedOrigins: [host.origin] });
    host.setQuireUrl(server.url);
  });
  afterAll(async () => {
    await Promise.all([server?.close(), host?.close(), browser?.close()]);
  });
  afterEach(async () => {
    await Promise.all(people.map((person) => person.context.close()));
    people = [];
  });

  async function page(name: string): Promise<Page> {
    const opened = await openPerson(browser, { name, color: '#d9480f' });
    people.push(opened);
    return opened.page;
  }

  /** A document written in the app, with one thread started through the API. */
  async function docWithThread(): Promise<{ app: Page; docName: string }> {
    const docName = `embed/${randomUUID()}`;
    const app = await page('App Ada');
    await openDoc(app, server.url, docName, { token: await makeToken({ docs: [docName], access: 'write' }) });
    await editorOf(app).click();
    await app.keyboard.type('Written in the app for the embeds.');
    const token = await makeToken({ docs: [docName], access: 'comment', sub: 'api', name: 'Api' });
    const res = await fetch(`${server.url}/api/docs/${encodeURIComponent(docName)}/comments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ quote: 'Written', body: 'From the API' }),
    });
    expect(res.status).toBe(201);
    return { app, docName };
  }

  it('the script-tag embed lists threads, styled, comments back to the app; comments: false shows none', async () => {
    const { app, docName } = await docWithThread();
    const embed = await page('Host');
    const token = await makeToken({ docs: ['embed/*'], access: 'comment', sub: 'sam', name: 'Script Sam' });
    await embed.goto(`${host.origin}/comments.html?${new URLSearchParams({ doc: docName, token })}`);
    const thread = embed.locator('#with .q-thread', { hasText: 'From the API' });
    await thread.waitFor({ timeout: 15_000 });
    await embed.locator('#without .q-content', { hasText: 'Written in the app' }).waitFor();
    expect(await embed.locator('#without .q-comments').count()).toBe(0);
    // The comments stylesheet travels in the embed's inline CSS: the thread is drawn as a card.
    expect(await thread.evaluate((card) => getComputedStyle(card).borderTopLeftRadius)).toBe('8px');
    expect(await embed.locator('#quire-editor-styles').evaluate((style) => style.textContent)).toContain('.q-thread');
    await waitFor(() => embed.evaluate(() => CSS.highlights.get('q-comment')?.size === 1), {
      what: 'the commented words highlighted in the embed',
    });

    // In a narrow host element the column goes below the text, whatever the window's width.
    await embed.locator('#with').evaluate((element) => (element.style.width = '480px'));
    await waitFor(
      async () => {
        const surface = await embed.locator('#with .q-surface').boundingBox();
        const column = await embed.locator('#with .q-comments').boundingBox();
        return column!.y >= surface!.y + surface!.height - 1;
      },
      { what: 'the comments below the text in a narrow embed' },
    );

    await selectWords(embed, '#with .q-content', 'the embeds');
    await embed.keyboard.press('Control+Alt+M');
    const box = embed.locator('#with').getByRole('textbox', { name: 'Comment', exact: true });
    await box.fill('Said in the embed');
    await box.press('Control+Enter');
    const inApp = app.locator('.q-thread', { hasText: 'Said in the embed' });
    await inApp.waitFor({ timeout: 10_000 });
    expect(await inApp.locator('.q-thread-quote').innerText()).toBe('the embeds');
    expect(await inApp.locator('.q-comment-author').innerText()).toBe('Script Sam');
  });

  it('the iframe page shows comments, and ?comments=0 leaves them out', async () => {
    const { docName } = await docWithThread();
    const embed = await page('Host');
    const token = await makeToken({ docs: [docName], access: 'read' });
    const frameUrl = (extra: string): string => `${server.url}/embed/${docName}?token=${token}${extra}`;
    await embed.goto(frameUrl(''));
    await embed.locator('.q-thread', { hasText: 'From the API' }).waitFor({ timeout: 15_000 });
    // A reader sees the thread and may not answer it.
    expect(await embed.getByRole('textbox', { name: 'Reply' }).count()).toBe(0);
    await embed.goto(frameUrl('&comments=0'));
    await embed.locator('.q-content', { hasText: 'Written in the app' }).waitFor({ timeout: 15_000 });
    expect(await embed.locator('.q-comments').count()).toBe(0);
  });
});
