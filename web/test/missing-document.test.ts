/**
 * A read-only link to a document nobody has created yet (SPEC: Access; issue #18): the
 * server refuses to create it (close 4404 "no such document"), and the page says so rather
 * than "This document was deleted" or retrying forever.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docUrl, HAS_CHROMIUM, launchBrowser, openPerson, type Person } from './support/browser.js';
import { startTestServer, type TestServer, makeToken, TEST_SECRET } from './support/server.js';

describe.skipIf(!HAS_CHROMIUM)('a read-only link to a document that does not exist (SPEC: Access)', () => {
  let browser: Browser;
  let server: TestServer;
  let viewer: Person | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ authSecret: TEST_SECRET });
  });
  afterAll(async () => {
    await viewer?.context.close();
    await server?.close();
    await browser?.close();
  });

  it('says the document does not exist yet, and nothing is created', async () => {
    const name = `missing/${randomUUID()}`;
    const token = await makeToken({ docs: [name], access: 'read' });
    viewer = await openPerson(browser, { name: 'Viewer', color: '#2980b9' });
    await viewer.page.goto(docUrl(server.url, name, token));
    const notice = viewer.page.locator('.q-notice[role="alert"]');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.getAttribute('data-problem')).toBe('missing');
    expect(await notice.innerText()).toContain("This document doesn't exist yet");
    const admin = await makeToken({ docs: ['*'], access: 'admin' });
    const res = await fetch(`${server.url}/api/docs/${encodeURIComponent(name)}`, {
      headers: { Authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(404);
  });
});
