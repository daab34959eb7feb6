/**
 * Helpers for browser tests where several people indent and outdent one list item at once
 * (issue 19): put a caret at the end of the item holding a word, and check that every word
 * shows exactly once.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { documentTextOf, normalized, occurrences, serverText } from './converge.js';
import { waitFor } from './server.js';

/** A list item holding text, not only a nested list. */
const leafItem = (page: Page, word: string) =>
  page.locator('.q-content li:not(:has(ul, ol))', { hasText: word }).first();

/**
 * Clicks into the list item holding `word` and presses Home or End, again until the caret
 * is at that end of the item's text (a collaborator's update can move it meanwhile). Tab
 * indents only from the start of a line; elsewhere it types a tab character.
 */
export async function caretInItem(page: Page, word: string, key: 'Home' | 'End'): Promise<void> {
  await waitFor(
    async () => {
      await leafItem(page, word).click();
      await page.keyboard.press(key);
      return page.evaluate(
        ([expected, toStart]) => {
          const selection = window.getSelection();
          const node = selection?.anchorNode ?? null;
          const item = (node instanceof Element ? node : node?.parentElement)?.closest('li');
          if (!selection?.isCollapsed || !item || !(item.textContent ?? '').includes(expected)) return false;
          // The text between the caret and that end of the item: none.
          const rest = document.createRange();
          rest.selectNodeContents(item);
          if (toStart) rest.setEnd(node!, selection.anchorOffset);
          else rest.setStart(node!, selection.anchorOffset);
          return rest.toString() === '';
        },
        [word, key === 'Home'] as const,
      );
    },
    { timeoutMs: 20_000, what: `the caret at the ${key === 'Home' ? 'start' : 'end'} of the item holding "${word}"` },
  );
}

/**
 * Every page and the server show each of `words` exactly once. A failure lists every text
 * as shown (pages in order, then the server's render), so one failing run tells where each
 * word went.
 */
export async function expectEachWordOnce(pages: Page[], baseUrl: string, docName: string, words: string[]) {
  const texts = await Promise.all([...pages.map(documentTextOf), serverText(baseUrl, docName)]);
  const counts = texts.map((text) =>
    Object.fromEntries(words.map((word) => [word, occurrences(normalized(text), word)])),
  );
  const shown = texts.map((text, i) => `${i < pages.length ? `page ${i}` : 'server'}: ${JSON.stringify(text)}`);
  const once = Object.fromEntries(words.map((word) => [word, 1]));
  expect(counts, shown.join('\n')).toEqual(texts.map(() => once));
}
