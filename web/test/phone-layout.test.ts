/**
 * Phone-sized screens (issue 19): at 390×844 the start page, the editor with content and
 * the versions panel fit the width (the page never scrolls sideways) and keep working.
 * Screenshots at phone and desktop sizes go to test-artifacts/ for a person to look at.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editorOf, HAS_CHROMIUM, openDoc, screenshot } from './support/browser.js';
import { writeRichContent } from './support/rich-content.js';
import { useBrowserSuite } from './support/suite.js';

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

/** How far the page reaches past the right edge of the window (0: it fits). */
const overflow = (page: Page): Promise<number> =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The smallest text size of the page's text fields (phones zoom into those under 16px). */
const smallestFieldText = (page: Page): Promise<number> =>
  page
    .locator('input')
    .evaluateAll((inputs) => Math.min(...inputs.map((input) => parseFloat(getComputedStyle(input).fontSize))));

/** The elements matching `selector` that stick out of the window on the left or right. */
const outside = (page: Page, selector: string): Promise<string[]> =>
  page.locator(selector).evaluateAll((elements) =>
    elements
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && (box.left < 0 || box.right > window.innerWidth);
      })
      .map((element) => element.getAttribute('aria-label') ?? element.textContent ?? element.tagName),
  );

describe.skipIf(!HAS_CHROMIUM)('phone-sized screens (issue 19)', () => {
  const suite = useBrowserSuite([{ name: 'Pat Phone', color: '#1971c2' }]);
  const pageOf = (): Page => {
    const page = suite.people[0]?.page;
    if (page === undefined) throw new Error('no page');
    return page;
  };

  /** A document with rich content under a long name, and a second one for the list. */
  async function richDocument(page: Page): Promise<string> {
    const docName = `team/weekly-notes-with-a-rather-long-name-${randomUUID().slice(0, 8)}`;
    await openDoc(page, suite.server.url, docName);
    await writeRichContent(page);
    await page.locator('.q-status[data-saved="saved"]').waitFor();
    return docName;
  }

  it.each(SIZES)('the start page fits $width×$height', async (size) => {
    const page = pageOf();
    await richDocument(page);
    await page.setViewportSize(size);
    await page.goto(suite.server.url);
    await page.locator('.q-doc-row').first().waitFor();
    await screenshot(page, `${size.name}-start`);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await outside(page, 'main input, main button, .q-doc-row')).toEqual([]);
    if (size.width < 480) expect(await smallestFieldText(page)).toBeGreaterThanOrEqual(16);
  });

  it.each(SIZES)('the editor with content fits $width×$height and its toolbar stays in the window', async (size) => {
    const page = pageOf();
    await page.setViewportSize(size);
    await richDocument(page);
    await editorOf(page).click();
    await screenshot(page, `${size.name}-editor`);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await outside(page, '.q-toolbar button, .q-header a, .q-header button, .q-header h1, .q-status')).toEqual(
      [],
    );
    // Every toolbar button can be pressed: none is covered by another.
    await page.getByRole('button', { name: 'Check list' }).click();
    await editorOf(page).locator('.q-checklist').last().waitFor();
  });

  it.each(SIZES)('the versions panel fits $width×$height and saves a version', async (size) => {
    const page = pageOf();
    await page.setViewportSize(size);
    await richDocument(page);
    await page.getByRole('button', { name: 'Versions' }).click();
    const panel = page.getByRole('complementary', { name: 'Versions' });
    await panel.getByLabel('Version label').fill('Phone draft');
    await panel.getByRole('button', { name: 'Save version' }).click();
    await panel.getByRole('listitem').filter({ hasText: 'Phone draft' }).waitFor({ timeout: 10_000 });
    await screenshot(page, `${size.name}-versions`);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await outside(page, '.q-panel button, .q-panel input')).toEqual([]);
    // On a phone the panel takes the whole width rather than leaving a sliver of text beside it.
    if (size.width < 480) {
      expect((await panel.boundingBox())?.width).toBe(size.width);
      expect(await smallestFieldText(page)).toBeGreaterThanOrEqual(16);
    }
    await panel.getByRole('button', { name: 'Close versions' }).click();
    await panel.waitFor({ state: 'detached' });
  });
});
