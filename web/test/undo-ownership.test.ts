/**
 * Undo takes back only one's own text (issue 19): three people in real Chromium against the
 * real server. Each case ends with every page and the server's render equal.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { editorOf, HAS_CHROMIUM, openDoc, waitForCaret, waitForText } from './support/browser.js';
import { occurrences, waitForConvergence } from './support/converge.js';
import { useBrowserSuite } from './support/suite.js';
import { waitFor } from './support/server.js';

describe.skipIf(!HAS_CHROMIUM)('undo takes back only one’s own text (issue 19)', () => {
  const suite = useBrowserSuite([
    { name: 'Ada', color: '#d9480f' },
    { name: 'Grace', color: '#1971c2' },
    { name: 'Cora', color: '#2f9e44' },
  ]);
  let docName: string;
  let pages: Page[];

  beforeEach(async () => {
    docName = `undo-${randomUUID()}`;
    pages = suite.people.map((person) => person.page);
    await Promise.all(pages.map((page) => openDoc(page, suite.server.url, docName)));
  });

  /** Types at the very end of the document on `page` and waits until every page shows it. */
  async function typeAtEnd(page: Page, text: string): Promise<void> {
    await editorOf(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(text);
    await Promise.all(pages.map((other) => waitForText(other, text.trim())));
  }

  async function undoUntilGone(page: Page, word: string): Promise<void> {
    await page.keyboard.press('Control+z');
    await waitFor(async () => !(await editorOf(page).innerText()).includes(word), {
      timeoutMs: 10_000,
      what: `"${word}" to be undone`,
    });
  }

  it('undoing one’s first typing keeps what another typed right after it in the same text', async () => {
    const [a, b] = pages as [Page, Page, Page];
    await typeAtEnd(a, 'hello');
    await typeAtEnd(b, ' world');
    await undoUntilGone(a, 'hello');
    expect(await waitForConvergence(pages, suite.server.url, docName)).toBe('world');
    await a.keyboard.press('Control+y');
    await waitForText(a, 'hello');
    expect(await waitForConvergence(pages, suite.server.url, docName)).toBe('hello world');
  });

  it('undoing a new paragraph and its first typing keeps what another typed after it', async () => {
    const [a, b, c] = pages as [Page, Page, Page];
    await typeAtEnd(c, 'First line');
    await editorOf(a).click();
    await a.keyboard.press('Control+End');
    await a.keyboard.press('Enter');
    await a.keyboard.type('hello');
    await Promise.all(pages.map((other) => waitForText(other, 'hello')));
    await typeAtEnd(b, ' world');
    await undoUntilGone(a, 'hello');
    const text = await waitForConvergence(pages, suite.server.url, docName);
    expect(occurrences(text, 'world')).toBe(1);
    expect(occurrences(text, 'First')).toBe(1);
  });

  it('undoing one’s Enter after another pressed Enter in the new line shows each word once', async () => {
    const [a, b, c] = pages as [Page, Page, Page];
    await typeAtEnd(c, 'alpha beta gamma');
    // Every page holds the whole line first: Ada's caret is placed counting from its end.
    for (const page of pages) {
      await waitFor(async () => (await editorOf(page).innerText()).includes('alpha beta gamma'), {
        timeoutMs: 10_000,
        what: 'Cora’s line on every page',
      });
    }
    // Ada splits Cora's line before "beta"; Grace then splits the new line before "gamma".
    await editorOf(a).click();
    await a.keyboard.press('Control+End');
    for (let i = 0; i < 'beta gamma'.length; i++) await a.keyboard.press('ArrowLeft');
    await waitForCaret(a);
    await a.keyboard.press('Enter');
    const twoLines = async (page: Page): Promise<boolean> =>
      /alpha\s*\n+beta gamma/.test(await editorOf(page).innerText());
    for (const page of pages) await waitFor(() => twoLines(page), { timeoutMs: 10_000, what: 'the split line' });
    await editorOf(b).click();
    await b.keyboard.press('Control+End');
    for (let i = 0; i < 'gamma'.length; i++) await b.keyboard.press('ArrowLeft');
    await waitForCaret(b);
    await b.keyboard.press('Enter');
    const threeLines = async (page: Page): Promise<boolean> => /beta\s*\n+gamma/.test(await editorOf(page).innerText());
    for (const page of pages) await waitFor(() => threeLines(page), { timeoutMs: 10_000, what: 'the second split' });
    await a.keyboard.press('Control+z');
    await waitFor(async () => /alpha beta/.test(await editorOf(a).innerText()), {
      timeoutMs: 10_000,
      what: 'Ada’s Enter to be undone',
    });
    const text = await waitForConvergence(pages, suite.server.url, docName);
    for (const word of ['alpha', 'beta', 'gamma']) expect(occurrences(text, word), text).toBe(1);
  });
});
