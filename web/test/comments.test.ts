/**
 * Comments in the editor (SPEC: Web, Comments), two people in real Chromium against the
 * real server: comment on a selection, reply, resolve, a comment made offline and merged,
 * a commenter's token, the narrow layout, and axe.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { blocking, runAxe } from './support/axe.js';
import {
  editorOf,
  HAS_CHROMIUM,
  openDoc,
  openPerson,
  screenshot,
  waitForText,
  type Person,
} from './support/browser.js';
import { makeToken, startTestServer, TEST_SECRET, waitFor } from './support/server.js';
import { useBrowserSuite } from './support/suite.js';

const ADA = { name: 'Ada', color: '#c2410c' };
const GRACE = { name: 'Grace', color: '#2f7d3a' };
const TEXT = 'The quick brown fox jumps over the lazy dog';

/** Selects the first `words` in the editor's text, as a person dragging over them would. */
async function selectWords(page: Page, words: string): Promise<void> {
  await page.evaluate((target) => {
    const root = document.querySelector('.q-content')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(target);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + target.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`no "${target}" on the page`);
  }, words);
}

async function comment(page: Page, words: string, body: string, via: 'button' | 'shortcut' = 'button'): Promise<void> {
  await selectWords(page, words);
  if (via === 'button') await page.locator('.q-comment-tool').click();
  else await page.keyboard.press('Control+Alt+M');
  const box = page.getByRole('textbox', { name: 'Comment', exact: true });
  await box.fill(body);
  await box.press('Control+Enter');
}

const threads = (page: Page) => page.locator('.q-thread-list > .q-thread');
const highlightCount = (page: Page, name = 'q-comment'): Promise<number> =>
  page.evaluate((highlight) => (CSS.highlights.get(highlight) as unknown as Set<Range> | undefined)?.size ?? 0, name);

/** The middle of the first `word` in the editor, in page coordinates. */
async function middleOf(page: Page, word: string): Promise<{ x: number; y: number }> {
  return page.evaluate((target) => {
    const walker = document.createTreeWalker(document.querySelector('.q-content')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(target);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + target.length);
      const rect = range.getBoundingClientRect();
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    }
    throw new Error(`no "${target}" on the page`);
  }, word);
}

const post = (url: string, body?: unknown): Promise<Response> =>
  fetch(url, {
    method: 'POST',
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });

async function writeText(page: Page): Promise<void> {
  await editorOf(page).click();
  await page.keyboard.type(TEXT);
}

describe.skipIf(!HAS_CHROMIUM)('comments (SPEC: Web, Comments)', () => {
  const suite = useBrowserSuite([ADA, GRACE]);
  const pages = (): [Page, Page] => suite.people.map((person) => person.page) as [Page, Page];

  it('comment, reply and resolve between two people; the text never changes and undo leaves comments alone', async () => {
    const [a, b] = pages();
    const docName = `comments/${randomUUID()}`;
    await Promise.all([openDoc(a, suite.server.url, docName), openDoc(b, suite.server.url, docName)]);
    await writeText(a);
    await waitForText(b, TEXT);

    await comment(a, 'brown fox', 'Which fox?');
    await threads(b).filter({ hasText: 'Which fox?' }).waitFor({ timeout: 10_000 });
    await expect(threads(b).first().locator('.q-thread-quote').innerText()).resolves.toBe('brown fox');
    await expect(b.locator('.q-comment-count').innerText()).resolves.toContain('1');
    await waitFor(async () => (await highlightCount(b)) === 1, { what: 'the highlight on the other page' });

    await threads(b).first().getByRole('textbox', { name: 'Reply' }).fill('The brown one.');
    await threads(b).first().getByRole('button', { name: 'Reply' }).click();
    await threads(a).filter({ hasText: 'The brown one.' }).waitFor({ timeout: 10_000 });
    await expect(threads(a).first().locator('.q-comment-author').allInnerTexts()).resolves.toEqual(['Ada', 'Grace']);
    await screenshot(a, 'comments-thread');

    // Clicking the highlighted words selects their thread; hovering a thread marks its words.
    const point = await middleOf(b, 'brown');
    await b.mouse.click(point.x, point.y);
    await waitFor(async () => (await threads(b).first().getAttribute('class'))?.includes('is-active'), {
      what: 'the thread selected from its words',
    });
    await threads(a).first().hover();
    await waitFor(async () => (await highlightCount(a, 'q-comment-active')) === 1, { what: 'the words marked' });

    // Undo takes back Ada's typing step by step, never her comment.
    await editorOf(a).click();
    await a.keyboard.press('Control+Z');
    await expect(threads(a).count()).resolves.toBe(1);
    await a.keyboard.press('Control+Shift+Z');
    await waitForText(a, TEXT);

    await threads(a).first().getByRole('button', { name: 'Resolve' }).click();
    await waitFor(async () => (await threads(b).count()) === 0, { what: 'the thread resolved on the other page' });
    await expect(b.locator('.q-comments-resolved summary').innerText()).resolves.toBe('Resolved (1)');
    await expect(b.locator('.q-comment-count').innerText()).resolves.toContain('0');
    await b.locator('.q-comments-resolved summary').click();
    await b.locator('.q-comments-resolved').getByRole('button', { name: 'Reopen' }).click();
    await threads(a).first().waitFor({ timeout: 10_000 });
    for (const page of [a, b]) await expect(editorOf(page).innerText()).resolves.toBe(TEXT);
  });

  it('a comment made offline merges when back, anchored to its words; deleted words leave the thread listed, marked', async () => {
    const grace = suite.people[1] as Person;
    const [a, b] = pages();
    const docName = `comments/${randomUUID()}`;
    await Promise.all([openDoc(a, suite.server.url, docName), openDoc(b, suite.server.url, docName)]);
    await writeText(a);
    await waitForText(b, TEXT);

    await grace.setSocketsBlocked(true);
    await b
      .locator('.q-status[data-connection="offline"], .q-status[data-connection="connecting"]')
      .waitFor({ timeout: 15_000 });
    await comment(b, 'lazy dog', 'Offline remark', 'shortcut');
    await editorOf(a).click();
    await a.keyboard.press('Control+Home');
    await a.keyboard.type('Today ');
    await grace.setSocketsBlocked(false);
    await threads(a).filter({ hasText: 'Offline remark' }).waitFor({ timeout: 20_000 });
    await waitForText(b, 'Today The quick');
    await expect(threads(a).first().locator('.q-thread-quote').innerText()).resolves.toBe('lazy dog');
    await expect(threads(b).first().locator('.q-thread-quote').innerText()).resolves.toBe('lazy dog');

    // Ada deletes the commented words: the thread stays, marked.
    await a.keyboard.press('Control+End');
    // Extends the selection until it holds the words: a key pressed right after the other
    // page came back is now and then dropped by the browser, so the count is not trusted.
    await waitFor(
      async () => {
        await a.keyboard.press('Shift+ArrowLeft');
        return (await a.evaluate(() => window.getSelection()?.toString())) === ' the lazy dog';
      },
      { what: 'the commented words selected' },
    );
    await a.keyboard.press('Backspace');
    await waitFor(async () => (await editorOf(b).innerText()).trimEnd().endsWith('jumps over'), {
      what: 'the words deleted',
    }).catch(async (err: unknown) => {
      console.log(JSON.stringify([await editorOf(a).innerText(), await editorOf(b).innerText()]));
      throw err;
    });
    await waitFor(async () => (await threads(b).first().getAttribute('class'))?.includes('is-orphan'), {
      what: 'the thread marked as on deleted text',
    });
    await expect(threads(b).first().innerText()).resolves.toContain('Text deleted');
  });

  it('a thread whose words a version restore brings back is on them again, no longer marked "Text deleted"', async () => {
    const [a, b] = pages();
    const docName = `comments/${randomUUID()}`;
    const api = `${suite.server.url}/api/docs/${encodeURIComponent(docName)}`;
    await Promise.all([openDoc(a, suite.server.url, docName), openDoc(b, suite.server.url, docName)]);
    await writeText(a);
    await waitForText(b, TEXT);
    const version = (await (await post(`${api}/versions`, { label: 'before' })).json()) as { id: string };
    await comment(a, 'lazy dog', 'Keep this');
    await threads(b).first().waitFor({ timeout: 10_000 });

    const put = await fetch(api, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/markdown' },
      body: 'Only this now',
    });
    expect(put.status).toBe(200);
    await waitFor(async () => (await threads(b).first().innerText()).includes('Text deleted'), {
      what: 'the thread marked as on deleted text',
    });
    expect((await post(`${api}/versions/${version.id}/restore`)).status).toBe(200);
    for (const page of [a, b]) {
      await waitFor(async () => !(await threads(page).first().getAttribute('class'))?.includes('is-orphan'), {
        what: 'the thread back on its words',
      });
      await expect(threads(page).first().locator('.q-thread-quote').innerText()).resolves.toBe('lazy dog');
      await waitFor(async () => (await highlightCount(page)) === 1, { what: 'the words highlighted again' });
    }
  });

  it('on a narrow screen the comments go below the text', async () => {
    const narrow = await openPerson(suite.browser, ADA, 600);
    try {
      const page = narrow.page;
      await openDoc(page, suite.server.url, `comments/${randomUUID()}`);
      await writeText(page);
      await comment(page, 'quick', 'Narrow');
      await threads(page).first().waitFor();
      const surface = await page.locator('.q-surface').boundingBox();
      const column = await page.locator('.q-comments').boundingBox();
      expect(column!.y).toBeGreaterThanOrEqual(surface!.y + surface!.height - 1);
      await screenshot(page, 'comments-narrow');
    } finally {
      await narrow.context.close();
    }
  });

  it('axe finds no serious or critical violation with threads open and resolved', async () => {
    const [a] = pages();
    await openDoc(a, suite.server.url, `comments/${randomUUID()}`);
    await writeText(a);
    await comment(a, 'quick', 'One');
    await comment(a, 'lazy', 'Two');
    await threads(a).nth(1).waitFor();
    await threads(a).first().getByRole('button', { name: 'Resolve' }).click();
    await a.locator('.q-comments-resolved summary').click();
    const violations = await runAxe(a);
    if (violations.length > 0) console.log(JSON.stringify(violations, null, 2));
    expect(blocking(violations)).toEqual([]);
  });
});

describe.skipIf(!HAS_CHROMIUM)('a commenter (SPEC: Access, the comment level)', () => {
  const suite = useBrowserSuite([ADA, GRACE]);

  it('comments under the token’s name, cannot change the text, and is shown by that name', async () => {
    const server = await startTestServer({ authSecret: TEST_SECRET });
    try {
      const [a, b] = suite.people.map((person) => person.page) as [Page, Page];
      const docName = `comments/${randomUUID()}`;
      const writer = await makeToken({ docs: [docName], access: 'write', sub: 'ada', name: 'Ada L.' });
      const commenter = await makeToken({ docs: [docName], access: 'comment', sub: 'cara', name: 'Cara Commenter' });
      await openDoc(a, server.url, docName, { token: writer });
      await writeText(a);
      await openDoc(b, server.url, docName, { token: commenter, isReadOnly: true });
      await waitForText(b, TEXT);
      await comment(b, 'jumps', 'From a commenter', 'shortcut');
      await threads(a).filter({ hasText: 'From a commenter' }).waitFor({ timeout: 10_000 });
      await expect(threads(a).first().locator('.q-comment-author').innerText()).resolves.toBe('Cara Commenter');
      await waitFor(async () => (await a.locator('.q-presence').innerText()).includes('Cara Commenter'), {
        what: "the commenter's token name in presence",
      });
      await editorOf(b).click();
      await b.keyboard.type('NOT ALLOWED');
      await expect(editorOf(a).innerText()).resolves.toBe(TEXT);
    } finally {
      await server.close();
    }
  });
});
