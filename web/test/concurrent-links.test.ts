/**
 * Wrapping a word in a link keeps what others type next to it (issue 19): a link is an
 * element, so the word moves into it, and characters typed right after the word at the
 * same time used to be left without a text node and dropped. Real Chromium, real server.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { editorOf, HAS_CHROMIUM, openDoc, waitForConnected, waitForText, type Person } from './support/browser.js';
import { waitForConvergence, waitForOffline } from './support/converge.js';
import { useBrowserSuite } from './support/suite.js';
import { waitFor } from './support/server.js';

describe.skipIf(!HAS_CHROMIUM)('links and concurrent typing (issue 19)', () => {
  const suite = useBrowserSuite([
    { name: 'Ada', color: '#d9480f' },
    { name: 'Grace', color: '#1971c2' },
    { name: 'Cora', color: '#2f9e44' },
  ]);
  let docName: string;
  let people: Person[];
  let pages: Page[];

  beforeEach(async () => {
    docName = `links-${randomUUID()}`;
    people = suite.people;
    pages = people.map((person) => person.page);
    await Promise.all(pages.map((page) => openDoc(page, suite.server.url, docName)));
    await editorOf(pages[0]!).click();
    await pages[0]!.keyboard.type('hello word');
    await Promise.all(pages.map((page) => waitForText(page, 'hello word')));
  });

  /**
   * Selects the line's last (or first) word by keyboard, again if a collaborator's update moved
   * the selection meanwhile. Done once the editor itself holds the selection, not only the page:
   * Lexical reads the page's selection on a later event, and a link applied before that has no text.
   */
  async function selectWord(page: Page, word: string, edge: 'first' | 'last' = 'last'): Promise<void> {
    const [from, step] = edge === 'last' ? ['End', 'Shift+ArrowLeft'] : ['Home', 'Shift+ArrowRight'];
    await waitFor(
      async () => {
        await page.keyboard.press(from);
        for (let i = 0; i < word.length; i++) await page.keyboard.press(step);
        return (await page.evaluate(() => window.getSelection()?.toString())) === word;
      },
      { timeoutMs: 15_000, what: `"${word}" selected` },
    );
    await page.waitForFunction(
      (expected) => {
        type Selection = { getTextContent(): string } | null;
        type State = { read<T>(fn: () => T): T; _selection: Selection };
        const root = document.querySelector('.q-content') as { __lexicalEditor?: { getEditorState(): State } } | null;
        const state = root?.__lexicalEditor?.getEditorState();
        return state?.read(() => state._selection?.getTextContent()) === expected;
      },
      word,
      { timeout: 15_000 },
    );
  }

  /** Links the selected word with Ctrl+K and the link field. */
  async function linkSelection(page: Page, word: string): Promise<void> {
    await page.keyboard.press('Control+k');
    const field = page.locator('.q-editor input[inputmode="url"]').first();
    await field.fill(`https://example.com/${word}`);
    await field.press('Enter');
    await page.locator('.q-content a', { hasText: word }).waitFor();
  }

  async function expectLinkedEverywhere(word: string): Promise<void> {
    for (const page of pages) await page.locator('.q-content a', { hasText: word }).waitFor();
  }

  it('a word typed offline right after a word another person links stays, once', async () => {
    const [a, b] = pages as [Page, Page, Page];
    await people[1]!.setSocketsBlocked(true);
    await waitForOffline(b);
    await editorOf(b).click();
    await b.keyboard.press('Control+End');
    await b.keyboard.type(' more');
    await selectWord(a, 'word');
    await linkSelection(a, 'word');
    await people[1]!.setSocketsBlocked(false);
    await waitForConnected(b);
    const text = await waitForConvergence(pages, suite.server.url, docName);
    // Every letter once, and " more" after the link whichever way Yjs orders the two edits.
    expect(text).toBe('hello word more');
    await expectLinkedEverywhere('word');
  });

  it('typing right after a word while another person links it loses no keystroke', async () => {
    const [a, b] = pages as [Page, Page, Page];
    await editorOf(b).click();
    await b.keyboard.press('Control+End');
    await selectWord(a, 'word');
    await Promise.all([b.keyboard.type(' more', { delay: 20 }), linkSelection(a, 'word')]);
    const text = await waitForConvergence(pages, suite.server.url, docName);
    // Every letter once, in whole words: her letters typed after the text Ada's link rewrote
    // follow Ada's copy of it ("hello oreword m" before typed-after-rewrite.ts).
    expect(text).toBe('hello word more');
    await expectLinkedEverywhere('word');
  });

  it('a word two people link while one is offline shows once', async () => {
    const [a, b] = pages as [Page, Page, Page];
    await people[1]!.setSocketsBlocked(true);
    await waitForOffline(b);
    await editorOf(b).click();
    await selectWord(b, 'word');
    await linkSelection(b, 'word');
    await selectWord(a, 'word');
    await linkSelection(a, 'word');
    await people[1]!.setSocketsBlocked(false);
    await waitForConnected(b);
    // One link's copy gives way to the other's (binding/concurrent-links.ts): "hello wordword" before.
    const text = await waitForConvergence(pages, suite.server.url, docName);
    expect(text).toBe('hello word');
    await expectLinkedEverywhere('word');
  });

  it('the first word and a later one, linked by two people while one is offline, show once', async () => {
    const [a, b] = pages as [Page, Page, Page];
    await people[1]!.setSocketsBlocked(true);
    await waitForOffline(b);
    await editorOf(b).click();
    await selectWord(b, 'word');
    await linkSelection(b, 'word');
    await selectWord(a, 'hello', 'first');
    await linkSelection(a, 'hello');
    await people[1]!.setSocketsBlocked(false);
    await waitForConnected(b);
    // The text after Ada's link keeps its place (binding/inline-split.ts): "hello wordword" before.
    const text = await waitForConvergence(pages, suite.server.url, docName);
    expect(text).toBe('hello word');
    await expectLinkedEverywhere('hello');
    await expectLinkedEverywhere('word');
  });

  it('the person who links a word can type right after it', async () => {
    const [a] = pages as [Page, Page, Page];
    await selectWord(a, 'word');
    await linkSelection(a, 'word');
    await editorOf(a).and(a.locator(':focus')).waitFor();
    await a.keyboard.press('End');
    await a.keyboard.type(' next');
    const text = await waitForConvergence(pages, suite.server.url, docName);
    expect(text).toBe('hello word next');
    await expectLinkedEverywhere('word');
  });
});
