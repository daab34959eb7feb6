/**
 * One's caret follows one's own text only (issue 19, editor/binding/caret-follow.ts): a
 * person whose caret sits where someone else types keeps it after the other person's
 * letters, so what they type next does not split the other person's word. (The caret
 * following one's own letters to where a rescue put them: container-moves.test.ts.)
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editorOf, HAS_CHROMIUM, openDoc, waitForText } from './support/browser.js';
import { occurrences, waitForConvergence } from './support/converge.js';
import { useBrowserSuite } from './support/suite.js';

describe.skipIf(!HAS_CHROMIUM)('the caret follows one’s own text (issue 19)', () => {
  const suite = useBrowserSuite([
    { name: 'Ada', color: '#d9480f' },
    { name: 'Grace', color: '#1971c2' },
  ]);

  it("words typed where someone else's caret sits stay whole when that person types on", async () => {
    // Browser fuzz, tables pass of seed 14: Grace's caret was pulled back after the first
    // letter of Ada's word as Ada typed on, and Grace's words split it ("w w0005jq 0003vq").
    const docName = `caret-follow-${randomUUID()}`;
    const [a, b] = suite.people.map((person) => person.page) as [Page, Page];
    await Promise.all([a, b].map((page) => openDoc(page, suite.server.url, docName)));
    await editorOf(a).click();
    await a.keyboard.type('w0001hq w0002oq ');
    await waitForText(b, 'w0002oq');
    await editorOf(b).click();
    await b.keyboard.press('Control+End');
    for (let i = 0; i < 3; i++) await a.keyboard.press('Backspace');
    await a.keyboard.type(' w0003vq w0004cq ', { delay: 30 });
    await waitForConvergence([a, b], suite.server.url, docName);
    await b.keyboard.type(' w0005jq ');
    const text = await waitForConvergence([a, b], suite.server.url, docName);
    for (const word of ['w0003vq', 'w0004cq', 'w0005jq']) expect(occurrences(text, word)).toBe(1);
  });
});
