/**
 * A reload keeps one's words and moves (issue 19; editor/binding/remembered-moves.ts). Found by
 * the editing fuzz (seed 2 at 48 steps, all actions): a page that moved a block and then
 * reloaded had a new client id and had forgotten its move, so when the other person's offline
 * move of the same block arrived, nobody gave way. The headless cases are in
 * unit/reloaded-moves.test.ts; this one goes through the real page's session storage.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { editorOf, HAS_CHROMIUM, openDoc, waitForConnected, waitForText, type Person } from './support/browser.js';
import { occurrences, waitForConvergence, waitForOffline, waitForSaved } from './support/converge.js';
import { waitFor } from './support/server.js';
import { useBrowserSuite } from './support/suite.js';

describe.skipIf(!HAS_CHROMIUM)('a reload keeps one’s words in a block moved meanwhile (issue 19)', () => {
  const suite = useBrowserSuite([
    { name: 'Ada', color: '#d9480f' },
    { name: 'Grace', color: '#1971c2' },
  ]);
  let docName: string;
  let a: Page;
  let b: Page;
  let grace: Person;

  beforeEach(async () => {
    docName = `reload-moves-${randomUUID()}`;
    [a, b] = suite.people.map((person) => person.page) as [Page, Page];
    grace = suite.people[1]!;
    await Promise.all([a, b].map((page) => openDoc(page, suite.server.url, docName)));
  });

  it('words typed before a reload into a line the other person, offline, made a list item stay, once', async () => {
    await editorOf(a).click();
    await a.keyboard.type('alpha beta');
    await waitForText(b, 'alpha beta');
    await grace.setSocketsBlocked(true);
    await waitForOffline(b);
    await editorOf(b).getByText('alpha beta').click();
    await b.keyboard.press('Control+Shift+Digit8');
    await b.locator('.q-content li').waitFor();

    await editorOf(a).getByText('alpha beta').click();
    await a.keyboard.press('End');
    await a.keyboard.type(' gamma');
    await waitForSaved(a);
    await a.reload();
    await waitForConnected(a);
    await waitForText(a, 'gamma');

    await grace.setSocketsBlocked(false);
    await waitForConnected(b);
    const text = await waitForConvergence([a, b], suite.server.url, docName);
    expect(occurrences(text, 'gamma')).toBe(1);
    expect(occurrences(text, 'alpha')).toBe(1);
    await waitFor(async () => (await b.locator('.q-content li').count()) === 1, { what: 'one list item' });
  });
});
