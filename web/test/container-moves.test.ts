/**
 * Never lose a word when content changes container (issue 19): a block turned into a list
 * item, a list item indented, two blocks joined by Backspace and a block split by Enter,
 * each while another person, offline, types into that block.
 * Yjs cannot move content, so the editor that moves it deletes the old block and writes a
 * copy; the offline person's words, written into the old block, must still show, once.
 * Also: words typed at the end of a line moved down by Enter at its start (their text node
 * is deleted), a block both people move at once, kept once, and rounds of two people
 * indenting and outdenting one list item at once while a third types into it (the headless
 * cases are in unit/concurrent-moves.test.ts and unit/indent-while-typing.test.ts),
 * words typed online into a block the other person, offline, moves, and a word begun there
 * typed on in one piece (the caret follows its first letters).
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  editorOf,
  HAS_CHROMIUM,
  openDoc,
  waitForConnected,
  waitForCaret,
  waitForText,
  type Person,
} from './support/browser.js';
import { occurrences, waitForConvergence, waitForOffline, waitForSaved } from './support/converge.js';
import { caretInItem, expectEachWordOnce } from './support/indent-rounds.js';
import { waitFor } from './support/server.js';
import { useBrowserSuite } from './support/suite.js';

describe.skipIf(!HAS_CHROMIUM)('container moves keep concurrent words (issue 19)', () => {
  const suite = useBrowserSuite([
    { name: 'Ada', color: '#d9480f' },
    { name: 'Grace', color: '#1971c2' },
  ]);
  let docName: string;
  let a: Page;
  let b: Page;
  let grace: Person;
  let pageErrors: string[];

  beforeEach(async () => {
    docName = `moves-${randomUUID()}`;
    [a, b] = suite.people.map((person) => person.page) as [Page, Page];
    grace = suite.people[1]!;
    await Promise.all([a, b].map((page) => openDoc(page, suite.server.url, docName)));
    pageErrors = [];
    for (const page of [a, b]) page.on('pageerror', (err) => pageErrors.push(err.message));
  });

  /** A writes `lines` (Enter between them) and both pages show them. */
  async function write(...lines: string[]): Promise<void> {
    await editorOf(a).click();
    for (const [i, line] of lines.entries()) {
      if (i > 0) await a.keyboard.press('Enter');
      await a.keyboard.type(line);
    }
    await waitForText(b, lines[lines.length - 1]!);
  }

  /** Grace goes offline and types `word` at the end of the block holding `where`. */
  async function typeOfflineAfter(where: string, word: string): Promise<void> {
    await grace.setSocketsBlocked(true);
    await waitForOffline(b);
    // Ada's editor redraws when Grace's caret goes; a key pressed meanwhile can be lost.
    await waitFor(async () => !(await a.locator('.q-presence').innerText()).includes('Grace'), {
      what: "Grace gone from Ada's presence list",
    });
    // The same on Grace's page, where Ada's caret goes.
    await waitFor(async () => !(await b.locator('.q-presence').innerText()).includes('Ada'), {
      what: "Ada gone from Grace's presence list",
    });
    await editorOf(b).getByText(where, { exact: false }).first().click();
    await b.keyboard.press('End');
    await b.keyboard.type(word);
  }

  /**
   * Presses Home or End on the page until its caret is at that end of the line: right
   * after the other page goes offline, a Home is now and then lost (the caret stays put).
   */
  async function caretTo(page: Page, key: 'Home' | 'End'): Promise<void> {
    await waitFor(
      async () => {
        await page.keyboard.press(key);
        return page.evaluate((toStart) => {
          const selection = window.getSelection();
          const length = selection?.anchorNode?.textContent?.length ?? 0;
          return selection?.anchorOffset === (toStart ? 0 : length);
        }, key === 'Home');
      },
      { what: `the caret moved by ${key}` },
    );
    await waitForCaret(page);
  }

  const adaTo = (key: 'Home' | 'End'): Promise<void> => caretTo(a, key);

  /** Moves Ada's caret right from the start of the line until it is `offset` characters in. */
  async function adaAfter(offset: number): Promise<void> {
    await adaTo('Home');
    await waitFor(
      async () => {
        if ((await a.evaluate(() => window.getSelection()?.anchorOffset)) === offset) return true;
        await a.keyboard.press('ArrowRight');
        return false;
      },
      { what: `Ada's caret ${offset} characters in` },
    );
  }

  async function backOnline(): Promise<string> {
    await grace.setSocketsBlocked(false);
    await waitForConnected(b);
    await waitForSaved(b);
    const text = await waitForConvergence([a, b], suite.server.url, docName);
    expect(pageErrors).toEqual([]);
    return text;
  }

  it('a word typed into a paragraph that becomes a list item', async () => {
    await write('alpha beta');
    await typeOfflineAfter('alpha beta', ' OFFWORD');
    await a.keyboard.press('Control+Shift+Digit8');
    await a.locator('.q-content li').waitFor();
    const text = await backOnline();
    expect(text).toBe('alpha beta OFFWORD');
    for (const page of [a, b]) await page.locator('.q-content li', { hasText: 'alpha beta OFFWORD' }).waitFor();
  });

  it('a word typed into a list item that is indented', async () => {
    await editorOf(a).click();
    await a.keyboard.press('Control+Shift+Digit8');
    await write('one', 'two');
    await typeOfflineAfter('two', ' OFFWORD');
    await adaTo('Home');
    await a.keyboard.press('Tab');
    await a.locator('.q-content li li').waitFor();
    const text = await backOnline();
    expect(text).toBe('one two OFFWORD');
    for (const page of [a, b]) await page.locator('.q-content li li', { hasText: 'two OFFWORD' }).waitFor();
  });

  it('a word typed into a paragraph joined to the one before by Backspace', async () => {
    await write('first', 'second');
    await typeOfflineAfter('second', ' OFFWORD');
    await adaTo('Home');
    await a.keyboard.press('Backspace');
    await a.locator('.q-content p', { hasText: 'firstsecond' }).waitFor();
    const text = await backOnline();
    expect(text).toBe('firstsecond OFFWORD');
    for (const page of [a, b]) await page.locator('.q-content p', { hasText: 'firstsecond OFFWORD' }).waitFor();
  });

  it('a word typed into a paragraph split by Enter', async () => {
    await write('alpha omega');
    await typeOfflineAfter('alpha omega', ' OFFWORD');
    await adaAfter('alpha'.length);
    await a.keyboard.press('Enter');
    await a.locator('.q-content p').nth(1).waitFor();
    const text = await backOnline();
    expect(occurrences(text, 'OFFWORD')).toBe(1);
    // Every character stays; the word stays behind in the first block (see the guide).
    expect(text.replace(/ /g, '').replace('OFFWORD', '')).toBe('alphaomega');
  });

  it('a word typed at the end of a line moved down by Enter at its start', async () => {
    // Enter there moves the line's text node into a new block: the word loses its text node.
    await write('alpha omega');
    await typeOfflineAfter('alpha omega', ' OFFWORD');
    await adaTo('Home');
    await a.keyboard.press('Enter');
    await a.locator('.q-content p').nth(1).waitFor();
    const text = await backOnline();
    for (const word of ['alpha', 'omega', 'OFFWORD']) expect(occurrences(text, word)).toBe(1);
    for (const page of [a, b]) await page.locator('.q-content p', { hasText: 'alpha omega' }).waitFor();
  });

  it('a paragraph both people make a list item, one of them offline, is there once', async () => {
    await write('alpha beta');
    await typeOfflineAfter('alpha beta', '');
    await b.keyboard.press('Control+Shift+Digit8');
    await b.locator('.q-content li').waitFor();
    await a.keyboard.press('Control+Shift+Digit8');
    await a.locator('.q-content li').waitFor();
    const text = await backOnline();
    expect(text).toBe('alpha beta');
    for (const page of [a, b]) expect(await page.locator('.q-content li').count()).toBe(1);
  });

  it('a paragraph one person joins with Backspace while the other, offline, makes it a list item is there once', async () => {
    await write('first', 'second');
    await typeOfflineAfter('second', '');
    await b.keyboard.press('Control+Shift+Digit8');
    await b.locator('.q-content li').waitFor();
    await adaTo('Home');
    await a.keyboard.press('Backspace');
    await a.locator('.q-content p', { hasText: 'firstsecond' }).waitFor();
    const text = await backOnline();
    expect(occurrences(text.replace('firstsecond', 'first second'), 'second')).toBe(1);
  });

  it('words typed online into an empty paragraph that the other person, offline, makes a list item', async () => {
    // Browser fuzz seed 2: Grace's list item comes back as a sync step 2, whose deletion of
    // the paragraph must not tell Ada her words in it were deleted by Grace.
    await write('first');
    await a.keyboard.press('Enter');
    await b.locator('.q-content p').nth(1).waitFor();
    await b.locator('.q-content p').nth(1).click();
    await typeOfflineAfter('first', '');
    await b.locator('.q-content p').nth(1).click();
    await a.keyboard.type('one two three');
    await b.keyboard.press('Control+Shift+Digit8');
    await b.locator('.q-content li').waitFor();
    const text = await backOnline();
    for (const word of ['first', 'one', 'two', 'three']) expect(occurrences(text, word)).toBe(1);
  });

  it('a word begun online in an empty first line the other person, offline, makes a list item is typed on in one piece', async () => {
    // Browser fuzz seeds 7 and 14: Ada's first letters come back by the rescue after Grace's
    // list item; Ada's caret was left elsewhere ("0020kq w"), too few letters to look for.
    await write('alpha');
    await adaTo('Home');
    await a.keyboard.press('Enter');
    await a.keyboard.press('ArrowUp');
    await b.locator('.q-content p').nth(1).waitFor();
    await editorOf(b).click();
    await b.keyboard.press('Control+Home');
    await grace.setSocketsBlocked(true);
    await waitForOffline(b);
    await waitFor(async () => !(await a.locator('.q-presence').innerText()).includes('Grace'), {
      what: "Grace gone from Ada's presence list",
    });
    await b.keyboard.press('Control+Shift+Digit8');
    await b.locator('.q-content li').waitFor();
    await a.keyboard.type(' w');
    await backOnline();
    await a.keyboard.type('0020kq ');
    await waitForSaved(a);
    const text = await waitForConvergence([a, b], suite.server.url, docName);
    expect(text).toBe('w0020kq alpha');
  });

  it('typing online while the other person makes the block a list item loses no keystroke', async () => {
    await write('Line');
    await editorOf(b).click();
    await b.keyboard.press('Control+End');
    await Promise.all([b.keyboard.type(' typed by B', { delay: 20 }), a.keyboard.press('Control+Shift+Digit8')]);
    await waitForSaved(b);
    const text = await waitForConvergence([a, b], suite.server.url, docName);
    expect(text).toBe('Line typed by B');
    expect(pageErrors).toEqual([]);
  });
});

describe.skipIf(!HAS_CHROMIUM)('people indenting one list item at once (issue 19)', () => {
  const suite = useBrowserSuite([
    { name: 'Ada', color: '#d9480f' },
    { name: 'Grace', color: '#1971c2' },
    { name: 'Cora', color: '#2f9e44' },
  ]);
  const ROUNDS = Number(process.env.INDENT_ROUNDS ?? 8);
  const KEYS = ['Tab', 'Tab', 'Shift+Tab', 'Shift+Tab'];

  /** Blocks or unblocks Grace's sockets and waits until the others see it in their presence lists. */
  async function setGraceOffline(pages: Page[], isOffline: boolean): Promise<void> {
    const [a, b, c] = pages as [Page, Page, Page];
    await suite.people[1]!.setSocketsBlocked(isOffline);
    if (isOffline) await waitForOffline(b);
    else await Promise.all([waitForConnected(b), waitForSaved(b)]);
    for (const page of [a, c]) {
      await waitFor(async () => (await page.locator('.q-presence').innerText()).includes('Grace') !== isOffline, {
        what: `Grace ${isOffline ? 'gone from' : 'back in'} the presence list`,
      });
    }
  }

  it('indenting and outdenting the same item while a third types into it keeps every word once', async () => {
    const docName = `indent-${randomUUID()}`;
    const pages = suite.people.map((person) => person.page);
    const [a, b, c] = pages as [Page, Page, Page];
    await Promise.all(pages.map((page) => openDoc(page, suite.server.url, docName)));
    const errors: string[] = [];
    for (const page of pages) page.on('pageerror', (err) => errors.push(err.message));
    await editorOf(a).click();
    await a.keyboard.press('Control+Shift+Digit8');
    await a.keyboard.type('alpha');
    for (const word of ['bravo', 'charlie']) {
      await a.keyboard.press('Enter');
      await a.keyboard.type(word);
    }
    await Promise.all(pages.map((page) => waitForText(page, 'charlie')));
    const words = ['alpha', 'bravo', 'charlie'];
    for (let round = 0; round < ROUNDS; round++) {
      // Every third round Grace indents offline, the others at the same time online.
      const isOffline = round % 3 === 1;
      if (isOffline) await setGraceOffline(pages, true);
      for (const page of [a, b]) await caretInItem(page, 'bravo', 'Home');
      await caretInItem(c, 'bravo', 'End');
      const key = KEYS[round % KEYS.length]!;
      words.push(`w${round}`);
      await Promise.all([a.keyboard.press(key), b.keyboard.press(key), c.keyboard.type(` w${round}`)]);
      if (isOffline) await setGraceOffline(pages, false);
      await waitForConvergence(pages, suite.server.url, docName);
      await expectEachWordOnce(pages, suite.server.url, docName, words);
    }
    expect(errors).toEqual([]);
  }, 600_000);
});
