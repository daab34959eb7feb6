/**
 * Remote carets are redrawn only once the editor's update is over (issue 19;
 * editor/caret-redraw.ts). When a collaborator's change removes the line holding the page's
 * own caret, `@lexical/yjs` moves that caret and publishes it from inside the update, and the
 * collaboration plugin redrew the remote carets at once: it took the page's nodes before the
 * update, then read the carets' places, committing the update halfway. A caret on a line
 * break of the removed line was found among the old nodes but was gone from the page:
 * `TypeError: Cannot read properties of null (reading 'getBoundingClientRect')`, and the page
 * dropped the change (all-actions editing fuzz, seed 142 at 48 steps: a line starting with a
 * line break joined to the line above).
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editorOf, HAS_CHROMIUM, openDoc, waitForCaret, waitForText } from './support/browser.js';
import { normalized, waitForConvergence } from './support/converge.js';
import { waitFor } from './support/server.js';
import { useBrowserSuite } from './support/suite.js';

const remoteCarets = (page: Page) => page.locator('.q-cursors .q-remote-caret');

/** Collects the errors `pages` throw or log. */
function errorsOf(pages: Page[]): string[] {
  const errors: string[] = [];
  pages.forEach((page, index) => {
    page.on('pageerror', (err) => errors.push(`page ${index}: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`page ${index}: ${msg.text()}`);
    });
  });
  return errors;
}

describe.skipIf(!HAS_CHROMIUM)('remote carets while a change arrives (issue 19)', () => {
  const suite = useBrowserSuite([
    { name: 'Ada', color: '#d9480f' },
    { name: 'Grace', color: '#1971c2' },
    { name: 'Cora', color: '#2f9e44' },
  ]);

  it('a line joined to the one above while a caret sat on its line break', async () => {
    const docName = `remote-carets-${randomUUID()}`;
    const pages = suite.people.map((person) => person.page);
    const [a, b, c] = pages as [Page, Page, Page];
    const errors = errorsOf(pages);
    await Promise.all(pages.map((page) => openDoc(page, suite.server.url, docName)));
    await editorOf(a).click();
    await a.keyboard.type('alpha');
    await a.keyboard.press('Enter');
    await a.keyboard.press('Shift+Enter');
    await a.keyboard.type('beta');
    // Ada's caret at the end of the second line; Grace's and Cora's at its start, before its line break.
    await waitForCaret(a);
    for (const page of [b, c]) {
      await waitForText(page, 'beta');
      await editorOf(page).click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('ArrowDown');
      await waitForCaret(page);
    }
    await waitFor(async () => (await remoteCarets(a).count()) === 2, { what: "the others' carets on Ada's page" });
    await c.keyboard.press('Backspace');
    const text = await waitForConvergence(pages, suite.server.url, docName);
    expect(normalized(text)).toBe('alpha beta');
    expect(errors).toEqual([]);
  });
});
