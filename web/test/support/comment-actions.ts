/**
 * Comment actions for the editing fuzz (SPEC: Comments): comment on the selection, reply,
 * resolve or reopen. Each checks that its page's text did not change because of it, and
 * `expectAnchorsAgree` checks at the end that every page and the server put each thread
 * on the same words.
 */
import type { Page } from 'playwright-core';
import type { ThreadListResponse } from '@quire/shared';
import { editorOf } from './browser.js';
import { normalized } from './converge.js';
import { waitFor } from './server.js';
import type { Action } from './fuzz-actions.js';

let notes = 0;

/** Runs `act` and throws if the page's text changed meanwhile; puts the keyboard back in the text. */
async function keepingText(page: Page, act: () => Promise<string>): Promise<string> {
  const before = await editorOf(page).innerText();
  const done = await act();
  const after = await editorOf(page).innerText();
  if (after !== before) throw new Error(`${done} changed the text: ${JSON.stringify([before, after])}`);
  await editorOf(page).focus();
  return done;
}

/** A random open thread, found again by its id: threads move as the text and the list change. */
async function randomThread(page: Page, random: () => number): Promise<ReturnType<Page['locator']> | null> {
  const ids = await page
    .locator('.q-thread-list > .q-thread')
    .evaluateAll((cards) => cards.map((card) => (card as HTMLElement).dataset.threadId ?? ''));
  if (ids.length === 0) return null;
  return page.locator(`.q-thread-list > .q-thread[data-thread-id="${ids[Math.floor(random() * ids.length)]}"]`);
}

/** A step on a thread that another person may resolve meanwhile: then it is skipped. */
const ACTION_TIMEOUT_MS = 3_000;

export const COMMENT_ACTIONS: Action[] = [
  {
    name: 'comment',
    kind: 'keeps',
    weight: 4,
    run: ({ person }) =>
      keepingText(person.page, async () => {
        const page = person.page;
        await page.keyboard.press('Control+Alt+KeyM');
        const box = page.getByRole('textbox', { name: 'Comment', exact: true });
        if (!(await box.isVisible())) return 'comment (no selection)';
        const body = `note-${++notes}`;
        await box.fill(body, { timeout: ACTION_TIMEOUT_MS });
        await box.press('Control+Enter', { timeout: ACTION_TIMEOUT_MS });
        return `comment ${body}`;
      }),
  },
  {
    name: 'reply',
    kind: 'keeps',
    weight: 2,
    run: ({ person }, { random }) =>
      keepingText(person.page, async () => {
        const thread = await randomThread(person.page, random);
        if (thread === null) return 'reply (no thread)';
        const body = `reply-${++notes}`;
        const box = thread.getByRole('textbox', { name: 'Reply' });
        try {
          await box.fill(body, { timeout: ACTION_TIMEOUT_MS });
          await box.press('Control+Enter', { timeout: ACTION_TIMEOUT_MS });
        } catch {
          return 'reply (thread gone)';
        }
        return `reply ${body}`;
      }),
  },
  {
    name: 'resolve',
    kind: 'keeps',
    weight: 1,
    run: ({ person }, { random }) =>
      keepingText(person.page, async () => {
        const thread = await randomThread(person.page, random);
        if (thread === null) return 'resolve (no thread)';
        try {
          await thread.getByRole('button', { name: 'Resolve' }).click({ timeout: ACTION_TIMEOUT_MS });
        } catch {
          return 'resolve (thread gone)';
        }
        return 'resolve';
      }),
  },
];

/** Quotes by thread id as a page shows them (threads on deleted text left out). */
async function pageQuotes(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      Array.from(document.querySelectorAll<HTMLElement>('.q-thread[data-thread-id]:not(.is-orphan)')).map((card) => [
        card.dataset.threadId!,
        card.querySelector('.q-thread-quote q')?.textContent ?? '',
      ]),
    ),
  );
}

/**
 * Every page lists the threads the server has, each on the same words, and those words
 * are in the text: anchors followed the text.
 */
export async function expectAnchorsAgree(pages: Page[], baseUrl: string, docName: string, text: string): Promise<void> {
  let last: unknown;
  await waitFor(
    async () => {
      const res = await fetch(`${baseUrl}/api/docs/${encodeURIComponent(docName)}/comments`);
      const { threads } = (await res.json()) as ThreadListResponse;
      const expected = Object.fromEntries(threads.filter((t) => t.quote !== '').map((t) => [t.id, t.quote]));
      const shown = await Promise.all(pages.map(pageQuotes));
      last = { expected, shown };
      const inText = Object.values(expected).every((quote) => normalized(text).includes(normalized(quote)));
      return inText && shown.every((quotes) => JSON.stringify(sorted(quotes)) === JSON.stringify(sorted(expected)));
    },
    { timeoutMs: 15_000, what: 'every page and the server to anchor each thread on the same words' },
  ).catch((err: unknown) => {
    throw new Error(`anchors disagree: ${JSON.stringify(last)}`, { cause: err });
  });
}

function sorted(quotes: Record<string, string>): [string, string][] {
  return Object.entries(quotes)
    .map(([id, quote]): [string, string] => [id, normalized(quote)])
    .sort(([a], [b]) => (a < b ? -1 : 1));
}
