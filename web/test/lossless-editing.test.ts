/**
 * Never lose a word (issue 19): the five reproductions from the issue, three people in
 * real Chromium against the real server. Each ends with every page and the server's
 * render equal, and each person's words there exactly once.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  editorOf,
  HAS_CHROMIUM,
  openDoc,
  waitForCaret,
  waitForConnected,
  waitForText,
  type Person,
} from './support/browser.js';
import { occurrences, waitForConvergence, waitForOffline, waitForSaved } from './support/converge.js';
import { useBrowserSuite } from './support/suite.js';

describe.skipIf(!HAS_CHROMIUM)('never lose a word (issue 19)', () => {
  const suite = useBrowserSuite([
    { name: 'Ada', color: '#d9480f' },
    { name: 'Grace', color: '#1971c2' },
    { name: 'Cora', color: '#2f9e44' },
  ]);
  let docName: string;
  let people: Person[];
  let pages: Page[];

  beforeEach(async () => {
    docName = `lossless-${randomUUID()}`;
    people = suite.people;
    pages = people.map((person) => person.page);
    await Promise.all(pages.map((page) => openDoc(page, suite.server.url, docName)));
  });

  async function typeFirst(page: Page, text: string): Promise<void> {
    await editorOf(page).click();
    await page.keyboard.type(text);
    await Promise.all(pages.map((other) => waitForText(other, text)));
  }

  async function goOffline(person: Person): Promise<void> {
    await person.setSocketsBlocked(true);
    await waitForOffline(person.page);
  }

  async function goOnline(person: Person): Promise<void> {
    await person.setSocketsBlocked(false);
    await waitForConnected(person.page);
  }

  it('1. a word typed offline survives the paragraph becoming a heading', async () => {
    const [a, b] = pages as [Page, Page, Page];
    await typeFirst(a, 'Paragraph P');
    await goOffline(people[1]!);
    await editorOf(b).click();
    await b.keyboard.press('Control+End');
    await b.keyboard.type(' OFFLINEWORD');
    await a.keyboard.press('Control+Alt+Digit1');
    await a.locator('.q-content h1').waitFor();
    await goOnline(people[1]!);
    const text = await waitForConvergence(pages, suite.server.url, docName);
    expect(text).toBe('Paragraph P OFFLINEWORD');
    for (const page of pages) await page.locator('.q-content h1', { hasText: 'OFFLINEWORD' }).waitFor();
  });

  it("2. undo does not take back the text someone typed into one's new paragraph", async () => {
    const [a, b] = pages as [Page, Page, Page];
    await typeFirst(a, 'First line');
    await waitForSaved(a);
    await a.keyboard.press('Enter');
    await b.locator('.q-content > p').nth(1).waitFor();
    await b.locator('.q-content > p').nth(1).click();
    await b.keyboard.type('BWORD');
    await waitForText(a, 'BWORD');
    await a.keyboard.press('Control+z');
    const text = await waitForConvergence(pages, suite.server.url, docName);
    expect(occurrences(text, 'BWORD')).toBe(1);
    for (const page of pages) await page.locator('.q-content p', { hasText: 'BWORD' }).waitFor();
  });

  it('3. undoing a heading change does not duplicate the text', async () => {
    const [a, b, c] = pages as [Page, Page, Page];
    await typeFirst(b, 'Bword here');
    await editorOf(c).click();
    await c.keyboard.press('Control+Alt+Digit1');
    await a.locator('.q-content h1').waitFor();
    await editorOf(a).click();
    await a.keyboard.press('Control+Alt+Digit2');
    await c.locator('.q-content h2').waitFor();
    await c.keyboard.press('Control+z');
    const text = await waitForConvergence(pages, suite.server.url, docName);
    expect(text).toBe('Bword here');
  });

  it('4. bold offline and italic online on overlapping ranges keep the text once', async () => {
    const [a, b] = pages as [Page, Page, Page];
    await typeFirst(a, 'alpha beta gamma delta');
    await goOffline(people[1]!);
    await editorOf(b).click();
    await b.keyboard.press('Home');
    for (let i = 0; i < 10; i++) await b.keyboard.press('Shift+ArrowRight');
    await waitForCaret(b);
    await b.keyboard.press('Control+b');
    await a.keyboard.press('End');
    for (let i = 0; i < 11; i++) await a.keyboard.press('Shift+ArrowLeft');
    await waitForCaret(a);
    await a.keyboard.press('Control+i');
    await goOnline(people[1]!);
    const text = await waitForConvergence(pages, suite.server.url, docName);
    expect(text).toBe('alpha beta gamma delta');
    for (const page of pages) {
      await page.locator('.q-content strong, .q-content b, .q-content .q-bold').first().waitFor();
    }
  });

  it('5. typing while the other person makes the block a heading loses no keystroke', async () => {
    const [a, b] = pages as [Page, Page, Page];
    await typeFirst(a, 'Line');
    await editorOf(b).click();
    await b.keyboard.press('Control+End');
    await Promise.all([b.keyboard.type(' typed by B', { delay: 20 }), a.keyboard.press('Control+Alt+Digit1')]);
    const text = await waitForConvergence(pages, suite.server.url, docName);
    expect(text).toBe('Line typed by B');
  });
});
