/**
 * Offline editing (issue 3; SPEC: Web, "offline editing kept in IndexedDB and merged on
 * reconnect") and durability across reloads, in real Chromium against the real server.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  docUrl,
  editorOf,
  HAS_CHROMIUM,
  openDoc,
  screenshot,
  waitForConnected,
  waitForText,
  type Person,
} from './support/browser.js';
import { useBrowserSuite } from './support/suite.js';
import { waitFor } from './support/server.js';

async function waitForStatus(page: Page, connection: string, saved: string): Promise<void> {
  await page
    .locator(`.q-status[data-connection="${connection}"][data-saved="${saved}"]`)
    .waitFor({ timeout: 15_000 })
    .catch(async (err: unknown) => {
      console.log('STATUS', await page.locator('.q-status').evaluate((el) => el.outerHTML));
      throw err;
    });
}

async function waitForSameText(a: Page, b: Page, mustInclude: string[]): Promise<string> {
  return waitFor(
    async () => {
      const [textA, textB] = await Promise.all([editorOf(a).innerText(), editorOf(b).innerText()]);
      return textA === textB && mustInclude.every((part) => textA.includes(part)) ? textA : null;
    },
    { timeoutMs: 15_000, what: `both pages to show ${mustInclude.join(', ')}` },
  );
}

describe.skipIf(!HAS_CHROMIUM)('offline editing and reloads (SPEC: Web, offline)', () => {
  const suite = useBrowserSuite([
    { name: 'Ada', color: '#d9480f' },
    { name: 'Grace', color: '#1971c2' },
  ]);
  let docName: string;

  beforeEach(() => {
    docName = `offline-${randomUUID()}`;
  });

  it('edits made offline survive a reload and merge with the other page when back', async () => {
    const [ada, grace] = suite.people as [Person, Person];
    const [a, b] = [ada.page, grace.page];
    await Promise.all([openDoc(a, suite.server.url, docName), openDoc(b, suite.server.url, docName)]);
    await editorOf(a).click();
    await a.keyboard.type('Shared start.');
    await waitForText(b, 'Shared start.');
    // Grace's page is up to date before it goes offline (an ack on its way would leave it unsaved).
    await waitForStatus(b, 'connected', 'saved');

    await grace.setSocketsBlocked(true);
    await waitForStatus(b, 'offline', 'saved');
    await editorOf(b).click();
    await b.keyboard.press('Control+End');
    await b.keyboard.press('Enter');
    await b.keyboard.type('Written offline by Grace.');
    await waitForStatus(b, 'offline', 'unsaved');
    await b.getByRole('button', { name: 'Undo' }).and(b.locator(':enabled')).waitFor({ timeout: 5_000 });
    await screenshot(b, 'offline-unsaved');

    await editorOf(a).click();
    await a.keyboard.press('Control+End');
    await a.keyboard.press('Enter');
    await a.keyboard.type('Ada kept going online.');

    await b.reload();
    await waitForText(b, 'Written offline by Grace.');
    await waitForStatus(b, 'offline', 'unsaved');
    expect(await editorOf(a).innerText()).not.toContain('Written offline');

    await grace.setSocketsBlocked(false);
    await waitForConnected(b);
    await waitForSameText(a, b, ['Shared start.', 'Written offline by Grace.', 'Ada kept going online.']);
    await waitForStatus(b, 'connected', 'saved');
    await waitForStatus(a, 'connected', 'saved');
  });

  it('a reload keeps everything, and the server serves it to a newcomer', async () => {
    const [ada, grace] = suite.people as [Person, Person];
    const [a, b] = [ada.page, grace.page];
    await openDoc(a, suite.server.url, docName);
    await editorOf(a).click();
    await a.keyboard.type('Title');
    await a.getByRole('button', { name: 'Heading 2' }).click();
    await a.keyboard.press('End');
    await a.keyboard.press('Enter');
    await a.keyboard.type('Body text that must not be lost.');
    await waitForStatus(a, 'connected', 'saved');
    const before = await editorOf(a).innerHTML();

    await a.reload();
    await waitForConnected(a);
    await waitForText(a, 'Body text that must not be lost.');
    expect(await editorOf(a).innerHTML()).toBe(before);

    // A different browser has no IndexedDB copy: this content can only come from the server.
    await openDoc(b, suite.server.url, docName);
    await waitForText(b, 'Body text that must not be lost.');
    await b.locator('.q-content h2', { hasText: 'Title' }).waitFor();
    expect(await b.locator('.q-content > *').count()).toBe(2);
  });

  it('with the server down, the app still opens: a document kept on this device is edited, and saved once the server is back', async () => {
    const [ada] = suite.people as [Person, Person];
    const page = ada.page;
    let { server } = suite;
    await openDoc(page, server.url, docName);
    await editorOf(page).click();
    await page.keyboard.type('Written while online.');
    await waitForStatus(page, 'connected', 'saved');
    // The app is kept by the service worker once it controls the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (navigator.serviceWorker.controller === null) {
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
      }
    });

    await server.close();
    await page.reload();
    await waitForText(page, 'Written while online.');
    await waitForStatus(page, 'offline', 'saved');
    await editorOf(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Then the server went away.');
    await waitForStatus(page, 'offline', 'unsaved');
    await screenshot(page, 'offline-server-down');

    // The start page lists what this device keeps, since the server cannot list anything.
    await page.goto(`${server.url}/`);
    const kept = page.getByRole('list', { name: 'Documents on this device' });
    await kept.getByRole('link', { name: docName }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('status').innerText()).toContain('The server cannot be reached');
    await screenshot(page, 'offline-document-list');
    // A document never opened here has nothing to show until the server is back, and says so.
    await page.goto(docUrl(server.url, `never-opened-${randomUUID()}`));
    await page.locator('[data-notice="not-on-device"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('.q-content').getAttribute('contenteditable')).toBe('false');
    await screenshot(page, 'offline-not-on-device');

    // …and is not listed as kept here afterwards.
    await page.goto(`${server.url}/`);
    await kept.getByRole('link').first().waitFor({ timeout: 10_000 });
    expect(await kept.locator('.q-doc-name').allInnerTexts()).toEqual([docName]);

    await page.goto(docUrl(server.url, docName));
    await waitForText(page, 'Written while online. Then the server went away.');
    // The same address, so the page finds the server again; the suite closes the new one.
    server = suite.server = await server.restart({ port: server.port });
    await waitFor(
      async () => (await page.locator('.q-status[data-connection="connected"][data-saved="saved"]').count()) > 0,
      {
        timeoutMs: 60_000,
        what: 'the page to reconnect and save once the server is back',
      },
    );
    const response = await fetch(`${server.url}/api/docs/${encodeURIComponent(docName)}?format=text`);
    expect(await response.text()).toContain('Written while online. Then the server went away.');

    // The start page shown while the server is down turns into the server's list once it is back.
    await server.close();
    await page.goto(`${server.url}/`);
    await kept.waitFor({ timeout: 10_000 });
    server = suite.server = await server.restart({ port: server.port });
    await page.locator('.q-doc-meta', { hasText: 'Edited' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('.q-doc-name').allInnerTexts()).toEqual([docName]);
    expect(await kept.count()).toBe(0);
  });

  it('a page that was offline while the document was deleted learns it was deleted, and its copy does not bring the text back', async () => {
    const [ada] = suite.people as [Person, Person];
    const page = ada.page;
    const { server } = suite;
    await openDoc(page, server.url, docName);
    await editorOf(page).click();
    await page.keyboard.type('Confidential draft.');
    await waitForStatus(page, 'connected', 'saved');
    await ada.setSocketsBlocked(true);
    await waitForStatus(page, 'offline', 'saved');
    const api = `${server.url}/api/docs/${encodeURIComponent(docName)}`;
    expect((await fetch(api, { method: 'DELETE' })).status).toBe(204);

    await ada.setSocketsBlocked(false);
    const notice = page.locator('.q-notice[data-problem="deleted"]');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.innerText()).toContain('This document was deleted');
    expect(await (await fetch(`${api}?format=text`)).text()).not.toContain('Confidential');
    // Its copy is gone from this device: opened again, the name is a new, empty document.
    await page.reload();
    await waitForConnected(page);
    expect((await editorOf(page).innerText()).trim()).toBe('');
  });
});
