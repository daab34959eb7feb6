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
  waitForConnected,
  waitForText,
} from './support/browser.js';
import { blocking, runAxe } from './support/axe.js';
import { writeRichContent } from './support/rich-content.js';
import { startTestServer } from './support/server.js';
import { useBrowserSuite } from './support/suite.js';
import { makeToken, TEST_SECRET } from './support/tokens.js';
import { waitFor } from './support/wait-for.js';

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
      message: "Grace's caret on Ada's page",
    });
    await expectNoBlockingViolations(a);
    await expectNoBlockingViolations(b);
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
