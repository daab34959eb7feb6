/**
 * The editor with access tokens (issue 5; SPEC: Access, Web "read-only mode for `read`
 * tokens"), in real Chromium against a real server started with --auth-secret.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  docUrl,
  editorOf,
  HAS_CHROMIUM,
  launchBrowser,
  openDoc,
  openPerson,
  screenshot,
  waitForConnected,
  waitForText,
  type Person,
} from './support/browser.js';
import { startTestServer, type TestServer, makeToken, TEST_SECRET, waitFor } from './support/server.js';

const notice = (page: Page) => page.locator('.q-notice[role="alert"]');

describe.skipIf(!HAS_CHROMIUM)('access tokens in the editor (SPEC: Access; issue 5)', () => {
  let browser: Browser;
  let server: TestServer;
  let people: Person[] = [];
  let docName: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ authSecret: TEST_SECRET });
  });
  afterAll(async () => {
    await server?.close();
    await browser?.close();
  });
  beforeEach(() => {
    docName = `access/${randomUUID()}`;
  });
  afterEach(async () => {
    await Promise.all(people.map((person) => person.context.close()));
    people = [];
  });

  async function person(name: string, color: string): Promise<Page> {
    const opened = await openPerson(browser, { name, color });
    people.push(opened);
    return opened.page;
  }

  it('a read token shows the text and presence, says "View only", and typing changes nothing anywhere', async () => {
    const [writer, reader] = [await person('Writer Wu', '#d9480f'), await person('Reader Rae', '#1971c2')];
    const writeToken = await makeToken({ docs: ['access/*'], access: 'write' });
    const readToken = await makeToken({ docs: [docName], access: 'read' });
    await openDoc(writer, server.url, docName, { token: writeToken });
    await editorOf(writer).click();
    await writer.keyboard.type('Only the writer writes here.');
    await writer.locator('.q-status[data-saved="saved"]').waitFor();

    await openDoc(reader, server.url, docName, { token: readToken, isReadOnly: true });
    expect(reader.url()).not.toContain('token=');
    expect(await reader.evaluate((name) => sessionStorage.getItem(`quire:token:${name}`), docName)).toBe(readToken);
    await waitForText(reader, 'Only the writer writes here.');
    await expect(reader.locator('.q-view-only').innerText()).resolves.toBe('View only');
    expect(await reader.getByRole('button', { name: 'Bold' }).isDisabled()).toBe(true);
    expect(await reader.getByRole('button', { name: 'Heading 1' }).isDisabled()).toBe(true);

    await waitFor(async () => (await writer.locator('.q-presence').innerText()).includes('Reader Rae'), {
      what: "the reader in the writer's presence list",
    });
    await waitFor(async () => (await reader.locator('.q-presence').innerText()).includes('Writer Wu'), {
      what: "the writer in the reader's presence list",
    });
    await screenshot(reader, 'access-view-only');

    await editorOf(reader).click();
    await reader.keyboard.type('Sneaky edit');
    await reader.keyboard.press('Enter');
    await reader.keyboard.press('Control+b');
    // The writer's next words prove the reader's keystrokes had every chance to arrive.
    await editorOf(writer).click();
    await writer.keyboard.press('Control+End');
    await writer.keyboard.type(' Still mine.');
    await waitForText(reader, 'Still mine.');
    for (const page of [writer, reader]) {
      expect(await editorOf(page).innerText()).toBe('Only the writer writes here. Still mine.');
    }

    await reader.reload();
    await waitForConnected(reader, { isReadOnly: true });
    await waitForText(reader, 'Still mine.');
    expect(await editorOf(reader).innerText()).not.toContain('Sneaky');
    await expect(reader.locator('.q-view-only').isVisible()).resolves.toBe(true);
  });

  it('a token for other documents shows "You don\'t have access" instead of retrying forever', async () => {
    const page = await person('Outsider', '#9c36b5');
    const token = await makeToken({ docs: ['elsewhere/*'], access: 'write' });
    await page.goto(docUrl(server.url, docName, token));
    await notice(page).waitFor({ timeout: 15_000 });
    expect(await notice(page).innerText()).toContain("You don't have access to this document");
    await expect(page.locator('.q-status').getAttribute('data-problem')).resolves.toBe('denied');
    await screenshot(page, 'access-denied');
  });

  it('a token that expires while editing stops the editor with "reload with a new link" (close 4401)', async () => {
    const page = await person('Brief Visitor', '#0b7285');
    const token = await makeToken({ docs: [docName], access: 'write', ttl: 3 });
    await openDoc(page, server.url, docName, { token });
    await notice(page).waitFor({ timeout: 15_000 });
    expect(await notice(page).innerText()).toContain('Your access expired — reload with a new link');
    await page.locator('.q-content[aria-readonly="true"]').waitFor();
    await expect(page.locator('.q-status').getAttribute('data-problem')).resolves.toBe('expired');
  });

  it('deleting from the editor needs an admin token: a writer is told so and the document stays', async () => {
    const page = await person('Writer Wu', '#d9480f');
    const token = await makeToken({ docs: [docName], access: 'write' });
    await openDoc(page, server.url, docName, { token });
    await editorOf(page).click();
    await page.keyboard.type('Still here.');
    await page.locator('.q-status[data-saved="saved"]').waitFor();
    await page.getByRole('button', { name: 'Versions' }).click();
    const panel = page.getByRole('complementary', { name: 'Versions' });
    await panel.getByRole('button', { name: 'Delete document' }).click();
    await panel.getByRole('button', { name: 'Delete for everyone' }).click();
    const error = panel.getByRole('group', { name: 'Delete' }).getByRole('alert');
    await error.waitFor({ timeout: 10_000 });
    expect(await error.innerText()).toMatch(/^Could not delete: .*admin/);
    const admin = await makeToken({ docs: ['*'], access: 'admin' });
    const stored = await fetch(`${server.url}/api/docs/${encodeURIComponent(docName)}?format=text`, {
      headers: { Authorization: `Bearer ${admin}` },
    });
    expect(await stored.text()).toContain('Still here.');
  });

  it('deleting the document tells everyone "This document was deleted" and stops reconnecting (close 4404)', async () => {
    const page = await person('Witness', '#5f3dc4');
    // The page's clock is ours, so "never reconnects" can be checked by moving it on.
    await page.clock.install();
    const token = await makeToken({ docs: [docName], access: 'write' });
    await openDoc(page, server.url, docName, { token });
    await editorOf(page).click();
    await page.keyboard.type('Soon gone.');
    await page.locator('.q-status[data-saved="saved"]').waitFor();
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));

    const admin = await makeToken({ docs: ['*'], access: 'admin' });
    const response = await fetch(`${server.url}/api/docs/${encodeURIComponent(docName)}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${admin}` },
    });
    expect(response.status).toBe(204);
    await notice(page).waitFor({ timeout: 10_000 });
    expect(await notice(page).innerText()).toContain('This document was deleted');
    await page.locator('.q-content[aria-readonly="true"]').waitFor();
    // Any reconnect would be due within the backoff's ceiling: a minute covers it many times.
    await page.clock.runFor(60_000);
    expect(sockets).toEqual([]);
    const stored = await fetch(`${server.url}/api/docs`, { headers: { Authorization: `Bearer ${admin}` } });
    const names = ((await stored.json()) as { docs: Array<{ name: string }> }).docs.map((doc) => doc.name);
    expect(names).not.toContain(docName);
  });
});
