/**
 * A commenter works from the keyboard (SPEC: Access, the comment level; Web: every action
 * works from the keyboard): the read-only text has a caret, Shift+arrows select words,
 * Ctrl+Alt+M comments on them, and nothing typed into the text (keys, Enter, deleting,
 * paste, cut, formatting, undo, an IME composition) changes it or sends a text update.
 * Real Chromium, a real server with tokens, and axe on the commenter's page.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { blocking, runAxe } from './support/axe.js';
import { editorOf, HAS_CHROMIUM, openDoc, waitForText } from './support/browser.js';
import { makeToken, startTestServer, TEST_SECRET, waitFor } from './support/server.js';
import { useBrowserSuite } from './support/suite.js';

const TEXT = 'The quick brown fox jumps over the lazy dog';

/** Yjs updates (sync message 0, update 2) the page sends from now on. */
function sentUpdates(page: Page): { count(): number } {
  let updates = 0;
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      if (typeof payload !== 'string' && payload[0] === 0 && payload[1] === 2) updates++;
    }),
  );
  return { count: () => updates };
}

const selectionOf = (page: Page): Promise<string> => page.evaluate(() => window.getSelection()?.toString() ?? '');

/** Every way a keyboard (and clipboard) changes text in an editor, tried on the commenter's page. */
async function tryToEdit(page: Page): Promise<void> {
  await editorOf(page).click();
  await page.keyboard.press('End');
  await page.keyboard.type('typed');
  expect(await editorOf(page).innerText()).toBe(TEXT);
  for (const key of ['Enter', 'Backspace', 'Delete', 'Shift+Enter', 'Tab']) {
    await editorOf(page).focus();
    await page.keyboard.press(key);
    expect([key, await editorOf(page).innerText()]).toEqual([key, TEXT]);
  }
  await page.keyboard.press('Control+A');
  for (const key of ['Control+B', 'Control+X', 'Control+V', 'Control+Z', 'Backspace']) await page.keyboard.press(key);
  await page.keyboard.press('Control+Home');
  const cdp = await page.context().newCDPSession(page);
  for (const text of ['に', 'にほ']) {
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  }
  await cdp.send('Input.insertText', { text: '日本' });
  await cdp.send('Input.insertText', { text: 'inserted' });
  expect(await editorOf(page).innerText()).toBe(TEXT);
}

describe.skipIf(!HAS_CHROMIUM)('a commenter selects by keyboard (SPEC: Access, Web)', () => {
  const suite = useBrowserSuite([
    { name: 'Ada', color: '#c2410c' },
    { name: 'Cara', color: '#2f7d3a' },
  ]);

  it('moves a caret and selects with Shift+arrows, comments with Ctrl+Alt+M, and can change no text', async () => {
    const server = await startTestServer({ authSecret: TEST_SECRET });
    try {
      const [writer, commenter] = suite.people.map((person) => person.page) as [Page, Page];
      const docName = `comments/${randomUUID()}`;
      const writeToken = await makeToken({ docs: [docName], access: 'write', sub: 'ada', name: 'Ada' });
      const commentToken = await makeToken({ docs: [docName], access: 'comment', sub: 'cara', name: 'Cara' });
      await openDoc(writer, server.url, docName, { token: writeToken });
      await editorOf(writer).click();
      await writer.keyboard.type(TEXT);
      const updates = sentUpdates(commenter);
      await openDoc(commenter, server.url, docName, { token: commentToken, isReadOnly: true });
      await waitForText(commenter, TEXT);

      // Into the text with Tab from the page, like a keyboard user.
      await editorOf(commenter).focus();
      await commenter.keyboard.press('Control+Home');
      for (let i = 0; i < 'The '.length; i++) await commenter.keyboard.press('ArrowRight');
      for (let i = 0; i < 'quick brown'.length; i++) await commenter.keyboard.press('Shift+ArrowRight');
      expect(await selectionOf(commenter)).toBe('quick brown');
      await commenter.keyboard.press('Control+Shift+ArrowRight');
      expect(await selectionOf(commenter)).toBe('quick brown fox');

      await commenter.keyboard.press('Control+Alt+M');
      const box = commenter.getByRole('textbox', { name: 'Comment', exact: true });
      await expect(box.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
      await commenter.keyboard.type('Which fox?');
      await commenter.keyboard.press('Control+Enter');
      const thread = writer.locator('.q-thread-list > .q-thread', { hasText: 'Which fox?' });
      await thread.waitFor({ timeout: 10_000 });
      expect(await thread.locator('.q-thread-quote').innerText()).toBe('quick brown fox');
      expect(await thread.locator('.q-comment-author').innerText()).toBe('Cara');
      const commentUpdates = updates.count();
      expect(commentUpdates).toBeGreaterThan(0);

      await tryToEdit(commenter);
      await writer.keyboard.type('!');
      await waitForText(commenter, `${TEXT}!`);
      expect(await editorOf(commenter).innerText()).toBe(`${TEXT}!`);
      expect(await editorOf(writer).innerText()).toBe(`${TEXT}!`);
      expect(updates.count()).toBe(commentUpdates);
      const stored = await fetch(`${server.url}/api/docs/${encodeURIComponent(docName)}?format=text`, {
        headers: { Authorization: `Bearer ${writeToken}` },
      });
      expect((await stored.text()).trim()).toBe(`${TEXT}!`);

      const violations = await runAxe(commenter);
      if (violations.length > 0) console.log(JSON.stringify(violations, null, 2));
      expect(blocking(violations)).toEqual([]);
      await waitFor(async () => (await commenter.locator('.q-thread').count()) === 1, { what: 'the thread listed' });
    } finally {
      await server.close();
    }
  });
});
