/**
 * The editor by keyboard alone (issue 19): the formatting toolbar is one Tab stop with
 * arrows between its buttons (WAI-ARIA toolbar pattern), Enter and Space press a button,
 * Escape goes back to the document, and the document can be left again. Focus always shows.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editorOf, HAS_CHROMIUM, openDoc, waitForCaret } from './support/browser.js';
import { useBrowserSuite } from './support/suite.js';

/** What has the keyboard: the toolbar button's name, 'editor', or the element's text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement)) return 'nothing';
    if (active.classList.contains('q-content')) return 'editor';
    return active.getAttribute('aria-label') ?? active.innerText.trim();
  });
}

const toolbarTabStops = (page: Page): Promise<number> => page.locator('[role="toolbar"] button[tabindex="0"]').count();

describe.skipIf(!HAS_CHROMIUM)('the editor by keyboard (issue 19)', () => {
  const suite = useBrowserSuite([{ name: 'Kim Keys', color: '#1971c2' }]);
  const pageOf = (): Page => {
    const page = suite.people[0]?.page;
    if (page === undefined) throw new Error('no page');
    return page;
  };

  async function openWithText(text: string): Promise<Page> {
    const page = pageOf();
    await openDoc(page, suite.server.url, `keys/${randomUUID()}`);
    await editorOf(page).click();
    await page.keyboard.type(text);
    return page;
  }

  it('the toolbar is one Tab stop; arrows, Home and End move between its enabled buttons', async () => {
    const page = await openWithText('Some words');
    expect(await toolbarTabStops(page)).toBe(1);
    await page.getByRole('button', { name: 'Versions' }).focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Undo');
    // Redo cannot be pressed yet, so the arrow passes it by.
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe('Normal text');
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe('H1 Heading 1');
    // The last button that works: Table options and Code language wait for a table or code block.
    await page.keyboard.press('End');
    expect(await focused(page)).toBe('Insert image');
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe('Undo');
    await page.keyboard.press('ArrowLeft');
    expect(await focused(page)).toBe('Insert image');
    await page.keyboard.press('Home');
    expect(await focused(page)).toBe('Undo');
    expect(await toolbarTabStops(page)).toBe(1);

    // Tab leaves the toolbar for the document; Escape and Shift+Tab come back to the button last used.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('editor');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('Normal text');
    // Shift+Tab again leaves the toolbar altogether, for the page header.
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[role="toolbar"]') === null)).toBe(true);
  });

  it('Enter and Space press the focused button; Escape goes back to the document', async () => {
    const page = await openWithText('make this bold');
    await page.keyboard.press('Shift+Home');
    await waitForCaret(page);
    await page.keyboard.press('Alt+F10');
    for (let step = 0; step < 20 && (await focused(page)) !== 'Bold'; step += 1) {
      await page.keyboard.press('ArrowRight');
    }
    expect(await focused(page)).toBe('Bold');
    const bold = page.getByRole('button', { name: 'Bold', exact: true });

    await page.keyboard.press('Enter');
    await editorOf(page).locator('.q-bold', { hasText: 'make this bold' }).waitFor({ timeout: 5_000 });
    expect(await bold.getAttribute('aria-pressed')).toBe('true');
    expect(await focused(page)).toBe('Bold');

    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('.q-content .q-bold') === null, undefined, {
      timeout: 5_000,
    });
    expect(await bold.getAttribute('aria-pressed')).toBe('false');

    await page.keyboard.press('Escape');
    expect(await focused(page)).toBe('editor');
    // The selection came back with the focus: typing replaces the selected words.
    await page.keyboard.type('replaced');
    await expect.poll(() => editorOf(page).innerText()).toBe('replaced');
  });

  it('a heading and an undo pressed by keyboard change the document and keep the focus', async () => {
    const page = await openWithText('Title');
    await page.keyboard.press('Alt+F10');
    await page.keyboard.press('Home');
    for (let step = 0; step < 20 && (await focused(page)) !== 'H1 Heading 1'; step += 1) {
      await page.keyboard.press('ArrowRight');
    }
    await page.keyboard.press('Enter');
    await editorOf(page).locator('h1', { hasText: 'Title' }).waitFor({ timeout: 5_000 });
    expect(await focused(page)).toBe('H1 Heading 1');
    await page.keyboard.press('Home');
    expect(await focused(page)).toBe('Undo');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.q-content h1') === null, undefined, { timeout: 5_000 });
    // Focus stays in the toolbar: on Undo while there is more to undo, else on the first
    // button that works. It is never dropped on the page.
    await page.waitForFunction(
      () => {
        const undo = document.querySelector<HTMLButtonElement>('[data-tool="undo"]');
        const active = document.activeElement;
        const first = document.querySelector('[role="toolbar"] [data-tool]:not(:disabled)');
        return undo?.disabled ? active === first : active === undo;
      },
      undefined,
      { timeout: 5_000 },
    );
  });

  it('Escape then Tab leaves the document (Tab alone stays in it), and Alt+F10 goes to the toolbar', async () => {
    const page = await openWithText('Indented');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('editor');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[role="toolbar"]') !== null)).toBe(true);

    await editorOf(page).click();
    await expect.poll(() => focused(page)).toBe('editor');
    await page.keyboard.press('Alt+F10');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('[role="toolbar"]') !== null))
      .toBe(true);
  });

  it('every control shows a focus ring when reached by keyboard, the document too', async () => {
    const page = await openWithText('Focus');
    await page.getByRole('button', { name: 'Versions' }).click();
    await page.getByRole('complementary', { name: 'Versions' }).waitFor();
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    const seen = new Map<string, string>();
    for (let step = 0; step < 40; step += 1) {
      await page.keyboard.press('Tab');
      const { key, outline } = await page.evaluate(() => {
        const active = document.activeElement as HTMLElement;
        const style = getComputedStyle(active);
        return {
          key: `${active.tagName.toLowerCase()}.${active.className} ${active.getAttribute('aria-label') ?? active.innerText.slice(0, 20)}`,
          outline: `${style.outlineStyle} ${style.outlineWidth}`,
        };
      });
      if (seen.has(key) || key.startsWith('body')) break;
      seen.set(key, outline);
      // Tab indents inside the document; Escape first lets it move on.
      if (key.includes('q-content')) await page.keyboard.press('Escape');
    }
    expect([...seen.keys()].some((key) => key.includes('q-content'))).toBe(true);
    expect([...seen.keys()].some((key) => key.includes('Close versions'))).toBe(true);
    for (const [key, outline] of seen) expect(outline, key).toBe('solid 2px');
  });
});
