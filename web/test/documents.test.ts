/**
 * The document list and the way into a document (SPEC: Web, "`/` lists documents and
 * makes a new one; `/d/<docName>` is the editor"), plus the narrow-window layout.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { editorOf, HAS_CHROMIUM, screenshot, waitForConnected, waitForText } from './support/browser.js';
import { useBrowserSuite } from './support/suite.js';
import { waitFor } from './support/server.js';

describe.skipIf(!HAS_CHROMIUM)('documents page (SPEC: Web)', () => {
  const suite = useBrowserSuite([{ name: 'Ada', color: '#d9480f' }]);

  it('creates a document from / and lists it there afterwards', async () => {
    const { page } = suite.people[0]!;
    const docName = `team/${randomUUID().slice(0, 8)} notes`;
    await page.goto(suite.server.url);
    await page.getByText('No documents yet').waitFor();
    await page.getByLabel('New document name').fill(docName);
    await page.getByRole('button', { name: 'New document' }).click();
    await waitForConnected(page);
    expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/d/${docName}`);
    await expect(page.locator('.q-doc-title').innerText()).resolves.toBe(docName);
    // The server's seed: exactly one empty paragraph, ready to type into.
    expect(await editorOf(page).locator('> p').count()).toBe(1);
    await editorOf(page).click();
    await page.keyboard.type('Minutes of the first meeting');
    await page.locator('.q-status[data-saved="saved"]').waitFor();

    await page.getByRole('link', { name: 'All documents' }).click();
    const row = page.locator('.q-doc-row', { hasText: docName });
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await waitForConnected(page);
    await waitForText(page, 'Minutes of the first meeting');
  });

  it('typing in the name box filters the list, and an exact name opens that document', async () => {
    const { page } = suite.people[0]!;
    const tag = randomUUID().slice(0, 6);
    const names = [`team/${tag} weekly notes`, `team/${tag} Roadmap`, `personal/${tag} groceries`];
    for (const name of names) {
      const response = await fetch(`${suite.server.url}/api/docs/${encodeURIComponent(name)}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'text/markdown' },
        body: `Notes for ${name}`,
      });
      expect(response.status).toBe(201);
    }
    await page.goto(suite.server.url);
    const shownNames = () => page.locator('.q-doc-name').allInnerTexts();
    await page.locator('.q-doc-name').nth(2).waitFor();
    const box = page.getByLabel('New document name');

    await box.fill('TEAM/');
    expect((await shownNames()).sort()).toEqual([names[0], names[1]].sort());
    await box.fill('roadmap');
    expect(await shownNames()).toEqual([names[1]]);
    await box.fill('minutes');
    expect(await shownNames()).toEqual([]);
    expect(await page.locator('.q-empty').innerText()).toContain('No document matches “minutes”');
    await box.fill('');
    expect(await shownNames()).toHaveLength(3);

    await box.fill(names[2]!);
    await page.getByRole('button', { name: 'Open document' }).click();
    await waitForConnected(page);
    await waitForText(page, `Notes for ${names[2]}`);
  });

  it('fits a phone-sized window: toolbar, status and text all reachable', async () => {
    const { page } = suite.people[0]!;
    await page.setViewportSize({ width: 380, height: 740 });
    await page.goto(`${suite.server.url}/d/${randomUUID()}`);
    await waitForConnected(page);
    await editorOf(page).click();
    await page.keyboard.type('# Narrow\nStill a calm place to write, even on a phone.');
    for (const label of ['Undo', 'Heading 1', 'Bold', 'Link', 'Check list']) {
      const box = await page.getByRole('button', { name: label }).boundingBox();
      expect(box, label).not.toBeNull();
      expect((box?.x ?? 0) + (box?.width ?? 0), label).toBeLessThanOrEqual(380);
    }
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(380);
    await waitFor(async () => (await page.locator('.q-status').getAttribute('data-saved')) === 'saved');
    await screenshot(page, 'narrow-window');
  });
});
