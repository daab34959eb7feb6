/**
 * The versions panel and export (issue 6; SPEC: Web "versions panel, export to Markdown
 * and HTML", HTTP versions), in real Chromium against the real server. The document name
 * has a "/" so every API call must encode it.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { editorOf, HAS_CHROMIUM, openDoc, screenshot, waitForText } from './support/browser.js';
import { useBrowserSuite } from './support/suite.js';
import { waitFor } from './support/server.js';

async function replaceText(page: Page, text: string): Promise<void> {
  await editorOf(page).click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
  await page.locator('.q-status[data-saved="saved"]').waitFor();
}

async function downloadText(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 10_000 }),
    page.getByRole('group', { name: 'Export' }).getByRole('button', { name: button }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

describe.skipIf(!HAS_CHROMIUM)('versions and export (SPEC: Web; issue 6)', () => {
  const suite = useBrowserSuite([
    { name: 'Ada', color: '#d9480f' },
    { name: 'Grace', color: '#1971c2' },
  ]);
  let docName: string;
  let a: Page;
  let b: Page;

  beforeEach(async () => {
    docName = `team/versions ${randomUUID()}`;
    [a, b] = suite.people.map((person) => person.page) as [Page, Page];
    await Promise.all([openDoc(a, suite.server.url, docName), openDoc(b, suite.server.url, docName)]);
  });

  it('saves a version, previews it after the text changed, and restoring it brings both pages back', async () => {
    await replaceText(a, 'The first draft of the plan.');
    await a.getByRole('button', { name: 'Versions' }).click();
    const panel = a.getByRole('complementary', { name: 'Versions' });
    await panel.getByLabel('Version label').fill('Draft 1');
    await panel.getByRole('button', { name: 'Save version' }).click();
    const row = panel.locator('.q-version', { hasText: 'Draft 1' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.innerText()).toMatch(/anonymous · (just now|\d+ seconds? ago)/);

    await replaceText(a, 'A completely different second text.');
    await waitForText(b, 'second text');
    await row.getByRole('button').click();
    const preview = a.frameLocator('iframe[title="Preview of Draft 1"]');
    await preview.locator('body', { hasText: 'The first draft of the plan.' }).waitFor({ timeout: 10_000 });
    expect(await editorOf(a).innerText()).toContain('second text');
    await screenshot(a, 'versions-preview');

    await panel.getByRole('button', { name: 'Restore' }).click();
    for (const page of [a, b]) {
      await waitFor(async () => (await editorOf(page).innerText()).trim() === 'The first draft of the plan.', {
        what: 'the restored text on both pages',
      });
    }
    // The text the restore replaced is kept as a version of its own.
    await panel.locator('.q-version', { hasText: 'Before restoring “Draft 1”' }).waitFor();
    await a.locator('.q-status[data-saved="saved"]').waitFor();
  });

  it('exports the document as Markdown and HTML downloads', async () => {
    await editorOf(a).click();
    await a.keyboard.type('# Launch notes');
    await a.keyboard.press('Enter');
    await a.keyboard.type('Ship it **on Friday**.');
    await a.locator('.q-status[data-saved="saved"]').waitFor();
    await a.getByRole('button', { name: 'Versions' }).click();

    const markdown = await downloadText(a, 'Markdown');
    expect(markdown.name).toMatch(/^team-versions-.*\.md$/);
    expect(markdown.text).toContain('# Launch notes');
    expect(markdown.text).toContain('Ship it **on Friday**.');

    const html = await downloadText(a, 'HTML');
    expect(html.name).toMatch(/^team-versions-.*\.html$/);
    expect(html.text).toMatch(/^<!doctype html>/);
    expect(html.text).toMatch(/<h1[^>]*>.*Launch notes.*<\/h1>/s);
    expect(html.text).toContain('on Friday');
  });

  it('deletes the document for everyone from the panel, after a second click', async () => {
    await replaceText(a, 'Text nobody needs any more.');
    await waitForText(b, 'nobody needs');
    await a.getByRole('button', { name: 'Versions' }).click();
    const panel = a.getByRole('complementary', { name: 'Versions' });
    await panel.getByRole('button', { name: 'Delete document' }).click();
    expect(await panel.getByRole('group', { name: 'Delete' }).innerText()).toContain(
      `Delete “${docName}” and its versions for everyone?`,
    );
    await panel.getByRole('button', { name: 'Cancel' }).click();
    expect(await (await fetch(`${suite.server.url}/api/docs/${encodeURIComponent(docName)}`)).status).toBe(200);

    await panel.getByRole('button', { name: 'Delete document' }).click();
    await screenshot(a, 'delete-confirm');
    await panel.getByRole('button', { name: 'Delete for everyone' }).click();
    for (const page of [a, b]) {
      await page.locator('.q-notice[data-problem="deleted"]').waitFor({ timeout: 10_000 });
    }
    expect(await (await fetch(`${suite.server.url}/api/docs/${encodeURIComponent(docName)}`)).status).toBe(404);
    await waitFor(async () => (await panel.count()) === 0, { what: 'the panel closed' });
  });

  it('makes a copy under a new name, opens it, and refuses a name that is taken', async () => {
    await replaceText(a, 'Template text to reuse.');
    await a.getByRole('button', { name: 'Versions' }).click();
    const panel = a.getByRole('complementary', { name: 'Versions' });
    const copyForm = panel.getByRole('form', { name: 'Make a copy' });
    const nameBox = copyForm.getByLabel('Name of the copy');
    expect(await nameBox.inputValue()).toBe(`${docName} (copy)`);

    await nameBox.fill(docName);
    await copyForm.getByRole('button', { name: 'Make a copy' }).click();
    await copyForm.getByRole('alert').waitFor({ timeout: 10_000 });
    expect(await copyForm.getByRole('alert').innerText()).toContain('already exists');

    const copyName = `${docName} copy`;
    await nameBox.fill(copyName);
    await copyForm.getByRole('button', { name: 'Make a copy' }).click();
    await a.waitForURL((url) => decodeURIComponent(url.pathname) === `/d/${copyName}`, { timeout: 10_000 });
    await waitForText(a, 'Template text to reuse.');
    expect(await editorOf(a).locator('> *').count()).toBe(1);
    // The copy is its own document: editing it leaves the original alone.
    await editorOf(a).click();
    await a.keyboard.press('Control+End');
    await a.keyboard.type(' Changed in the copy.');
    await a.locator('.q-status[data-saved="saved"]').waitFor();
    expect(await editorOf(b).innerText()).not.toContain('Changed in the copy');
  });
});
