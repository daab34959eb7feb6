/**
 * Input methods with a collaborator typing in the same paragraph (issue 19): a Japanese
 * and a Chinese composition (Chrome's IME events through CDP) and an accent typed with a
 * dead key (a one-character composition committed as "é") keep both people's text, on
 * every page and on the server.
 */
import { randomUUID } from 'node:crypto';
import type { CDPSession, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { editorOf, HAS_CHROMIUM, openDoc, waitForText } from './support/browser.js';
import { occurrences, waitForConvergence } from './support/converge.js';
import { useBrowserSuite } from './support/suite.js';

/** Composes `steps` one after the other (as an IME shows them), then commits `commit`. */
async function compose(cdp: CDPSession, steps: string[], commit: string, between: () => Promise<void>): Promise<void> {
  for (const text of steps) {
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    await between();
  }
  await cdp.send('Input.insertText', { text: commit });
}

describe.skipIf(!HAS_CHROMIUM)('input methods next to a collaborator (issue 19)', () => {
  const suite = useBrowserSuite([
    { name: 'Ada', color: '#d9480f' },
    { name: 'Grace', color: '#1971c2' },
  ]);
  let docName: string;
  let a: Page;
  let b: Page;

  beforeEach(async () => {
    docName = `ime-${randomUUID()}`;
    [a, b] = suite.people.map((person) => person.page) as [Page, Page];
    await Promise.all([openDoc(a, suite.server.url, docName), openDoc(b, suite.server.url, docName)]);
    await editorOf(a).click();
    await a.keyboard.type('Start here. End there.');
    await waitForText(b, 'End there.');
  });

  async function typeAtEnd(page: Page, text: string): Promise<void> {
    await editorOf(page).click();
    await page.keyboard.press('End');
    await page.keyboard.type(text);
  }

  it('a Japanese composition while the other person types in the same paragraph', async () => {
    await a.keyboard.press('Home');
    for (let i = 0; i < 'Start here.'.length; i++) await a.keyboard.press('ArrowRight');
    const cdp = await a.context().newCDPSession(a);
    const bWords = [' Bone', ' Btwo', ' Bthree', ' Bfour'];
    await compose(cdp, ['に', 'にほ', 'にほん', 'にほんご'], '日本語', async () => {
      await typeAtEnd(b, bWords.shift() ?? '');
    });
    const text = await waitForConvergence([a, b], suite.server.url, docName);
    expect(occurrences(text, '日本語')).toBe(1);
    expect(text).not.toMatch(/[にほんご]/);
    for (const word of ['Bone', 'Btwo', 'Bthree', 'Bfour']) expect(occurrences(text, word)).toBe(1);
    expect(text).toMatch(/^Start here\.日本語 End there\./);
  });

  it('a Chinese composition and a dead-key accent while the other person types', async () => {
    await a.keyboard.press('End');
    const cdp = await a.context().newCDPSession(a);
    await compose(cdp, ['z', 'zh', 'zhong', 'zhongwen'], ' 中文', () => typeAtEnd(b, ' Bword'));
    // A dead key: "´" shown while composing, "é" committed with the next key.
    await compose(cdp, ['´'], 'é', () => typeAtEnd(b, ' Bmore'));
    const text = await waitForConvergence([a, b], suite.server.url, docName);
    // Once each; whether "é" lands before or after the other person's word at the same
    // spot depends on who was first (the caret does not always stick to one's own text).
    expect(text.split('中文').length - 1).toBe(1);
    expect(text.split('é').length - 1).toBe(1);
    expect(text).not.toMatch(/zhong|´/);
    expect(occurrences(text, 'Bword')).toBe(4);
    expect(occurrences(text, 'Bmore')).toBe(1);
  });
});
