/**
 * Accessibility (issue 19): axe-core's WCAG 2.1 A/AA rules on every page a person meets,
 * in real Chromium against the real server, and no serious or critical violation.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  docUrl,
  editorOf,
  HAS_CHROMIUM,
  openDoc,
  openPerson,
  screenshot,
  waitForConnected,
  waitForText,
} from './support/browser.js';
import { blocking, runAxe } from './support/axe.js';
import { writeRichContent } from './support/rich-content.js';
import { startTestServer, makeToken, TEST_SECRET, waitFor } from './support/server.js';
import { useBrowserSuite } from './support/suite.js';

async function expectNoBlockingViolations(target: Parameters<typeof runAxe>[0]): Promise<void> {
  const violations = await runAxe(target);
  if (violations.length > 0) console.log(JSON.stringify(violations, null, 2));
  expect(blocking(violations)).toEqual([]);
}

describe.skipIf(!HAS_CHROMIUM)('accessibility: WCAG 2.1 A/AA with axe-core (issue 19)', () => {
  const suite = useBrowserSuite([
    { name: 'Ada Lovelace', color: '#c2410c' },
    { name: 'Grace Hopper', color: '#2f7d3a' },
  ]);
  const pageOf = (index: number): Page => {
    const person = suite.people[index];
    if (person === undefined) throw new Error(`no person ${index}`);
    return person.page;
  };

  it('the start page, with a document listed', async () => {
    const page = pageOf(0);
    await openDoc(page, suite.server.url, 'notes/start-page');
    await editorOf(page).click();
    await page.keyboard.type('Listed.');
    await page.locator('.q-status[data-saved="saved"]').waitFor();
    await page.goto(suite.server.url);
    await page.getByRole('link', { name: /notes\/start-page/ }).waitFor();
    await expectNoBlockingViolations(page);
  });

  it('the editor, empty', async () => {
    const page = pageOf(0);
    await openDoc(page, suite.server.url, `a11y/${randomUUID()}`);
    await page.locator('.q-placeholder').waitFor();
    await expectNoBlockingViolations(page);
  });

  it('the editor with headings, lists, a check list, a quote, code, a link and formats, and someone else in it', async () => {
    const [a, b] = [pageOf(0), pageOf(1)];
    const docName = `a11y/${randomUUID()}`;
    await openDoc(a, suite.server.url, docName);
    await writeRichContent(a);
    await openDoc(b, suite.server.url, docName);
    await waitForText(b, 'const days = 3;');
    await editorOf(b).click();
    await waitFor(async () => (await a.locator('.q-remote-name').count()) === 1, {
      what: "Grace's caret on Ada's page",
    });
    await expectNoBlockingViolations(a);
    await expectNoBlockingViolations(b);
  });

  it('check list items stay list items and say whether they are done', async () => {
    const page = pageOf(0);
    await openDoc(page, suite.server.url, `a11y/${randomUUID()}`);
    await editorOf(page).click();
    await page.keyboard.type('[ ] call the printer');
    await page.keyboard.press('Enter');
    await page.keyboard.type('order paper');
    const list = editorOf(page).getByRole('list');
    await list.getByRole('listitem').nth(1).waitFor();
    expect(await editorOf(page).getByRole('checkbox').count()).toBe(0);
    const stateOf = (text: string): Promise<string | null> =>
      list
        .getByRole('listitem')
        .filter({ hasText: text })
        .evaluate((item) => {
          const id = item.getAttribute('aria-describedby');
          return id === null ? null : (document.getElementById(id)?.textContent ?? null);
        });
    expect(await stateOf('call the printer')).toBe('Not done');
    await list
      .getByRole('listitem')
      .filter({ hasText: 'call the printer' })
      .click({ position: { x: 6, y: 12 } });
    await waitFor(async () => (await stateOf('call the printer')) === 'Done', {
      what: 'the item described as done',
    });
    expect(await stateOf('order paper')).toBe('Not done');
  });

  it('the presence list names the people; their carets are not read as document text; the status is live', async () => {
    const [a, b] = [pageOf(0), pageOf(1)];
    const docName = `a11y/${randomUUID()}`;
    await openDoc(a, suite.server.url, docName);
    await openDoc(b, suite.server.url, docName);
    await editorOf(b).click();
    await b.keyboard.type('Grace writes.');
    await waitForText(a, 'Grace writes.');
    const caretName = a.locator('.q-remote-name', { hasText: 'Grace Hopper' });
    await caretName.waitFor({ state: 'attached' });
    expect(await caretName.evaluate((name) => name.closest('[aria-hidden="true"]') !== null)).toBe(true);
    expect(await a.locator('.q-surface').ariaSnapshot()).not.toContain('Grace Hopper');
    await screenshot(a, 'a11y-remote-caret');

    const people = a.getByRole('list', { name: '2 people in this document' });
    await people.waitFor();
    expect(await people.getByRole('listitem').allInnerTexts()).toEqual(['Ada Lovelace (you)', 'Grace Hopper']);
    await people.getByRole('button', { name: 'Grace Hopper, go to their cursor' }).waitFor();

    const status = a.getByRole('status').filter({ hasText: 'Connected' });
    expect(await status.getAttribute('aria-live')).toBe('polite');
    await editorOf(a).click();
    await a.keyboard.type(' Ada too.');
    await status.filter({ hasText: 'Saved' }).waitFor({ timeout: 10_000 });
  });

  it('the versions panel, open with a saved version', async () => {
    const page = pageOf(0);
    await openDoc(page, suite.server.url, `a11y/${randomUUID()}`);
    await editorOf(page).click();
    await page.keyboard.type('Versioned text.');
    await page.getByRole('button', { name: 'Versions' }).click();
    const panel = page.getByRole('complementary', { name: 'Versions' });
    await panel.getByLabel('Version label').fill('First draft');
    await panel.getByRole('button', { name: 'Save version' }).click();
    await panel.getByRole('listitem').filter({ hasText: 'First draft' }).waitFor();
    await expectNoBlockingViolations(page);
  });

  it('the embed page (/embed/<docName>)', async () => {
    const page = pageOf(0);
    const docName = `a11y/${randomUUID()}`;
    await openDoc(page, suite.server.url, docName);
    await writeRichContent(page);
    const embed = pageOf(1);
    await embed.goto(`${suite.server.url}/embed/${docName}`);
    await waitForConnected(embed);
    await waitForText(embed, 'const days = 3;');
    await expectNoBlockingViolations(embed);
  });

  it('a table, a rule and a coloured code block, with the table picker, the cell menu and the language menu open (issue #22)', async () => {
    const page = pageOf(0);
    await openDoc(page, suite.server.url, `a11y/${randomUUID()}`);
    await editorOf(page).click();
    await page.keyboard.type('```js ');
    await page.keyboard.type('const ready = true;');
    await page.getByRole('button', { name: /Code language/ }).click();
    await page.getByRole('menu', { name: 'Code language' }).waitFor();
    await expectNoBlockingViolations(page);
    await page.keyboard.press('Escape');
    await editorOf(page).click();
    await page.keyboard.press('Control+End');
    await page.getByRole('button', { name: 'Horizontal rule' }).click();
    await page.getByRole('button', { name: 'Insert table' }).click();
    await page.getByRole('group', { name: 'Table size' }).waitFor();
    await expectNoBlockingViolations(page);
    await page.getByRole('button', { name: '2 rows, 2 columns' }).click();
    await editorOf(page).locator('table').waitFor();
    await page.keyboard.type('Header');
    await page.getByRole('button', { name: 'Table options' }).click();
    await page.getByRole('menu', { name: 'Table' }).waitFor();
    await expectNoBlockingViolations(page);
  });
});

describe.skipIf(!HAS_CHROMIUM)('accessibility of the read-only editor (issue 19)', () => {
  it('a read token: the editor with content, view only', async () => {
    const server = await startTestServer({ authSecret: TEST_SECRET });
    const { launchBrowser } = await import('./support/browser.js');
    const browser = await launchBrowser();
    try {
      const docName = `a11y/${randomUUID()}`;
      const writer = await openPerson(browser, { name: 'Writer Wu', color: '#1971c2' });
      const reader = await openPerson(browser, { name: 'Reader Rae', color: '#9c36b5' });
      await openDoc(writer.page, server.url, docName, { token: await makeToken({ docs: [docName], access: 'write' }) });
      await writeRichContent(writer.page);
      await writer.page.locator('.q-status[data-saved="saved"]').waitFor();
      const readToken = await makeToken({ docs: [docName], access: 'read' });
      await reader.page.goto(docUrl(server.url, docName, readToken));
      await waitForConnected(reader.page, { isReadOnly: true });
      await waitForText(reader.page, 'const days = 3;');
      await expectNoBlockingViolations(reader.page);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
