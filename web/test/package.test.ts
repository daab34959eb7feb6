/**
 * The editor library as a package (issue 24; SPEC: Web › Embedding): `npm pack` of the web
 * workspace is installed into apps outside the workspace, which are built with Vite and
 * then edit one document together in Chromium against a real Quire server: a React app
 * with `<CollaborativeEditor>` and a framework-free app with `mountEditor`.
 */
import { rm } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, screenshot } from './support/browser.js';
import { startHostServer, type HostServer } from './support/host-server.js';
import { buildOutsideApps, type OutsideApps } from './support/outside-app.js';
import { docName, makeToken, startTestServer, TEST_SECRET, waitFor, type TestServer } from './support/server.js';

const SETUP_MS = 420_000;

describe.skipIf(!HAS_CHROMIUM)('the editor library installed from its tarball (issue 24)', () => {
  let apps: OutsideApps;
  let browser: Browser;
  let host: HostServer;
  let server: TestServer;

  beforeAll(async () => {
    [apps, browser] = await Promise.all([buildOutsideApps(), launchBrowser()]);
    host = await startHostServer({ mounts: { '/react/': apps.reactDist, '/plain/': apps.plainDist } });
    server = await startTestServer({ authSecret: TEST_SECRET, allowedOrigins: [host.origin] });
  }, SETUP_MS);

  afterAll(async () => {
    await Promise.all([server?.close(), host?.close(), browser?.close()]);
    if (apps) await rm(apps.dir, { recursive: true, force: true });
  });

  it('has types, the component, mountEditor and its styles, with React, Lexical and Yjs as peers', () => {
    const { manifest, files } = apps.library;
    expect(files).toEqual(expect.arrayContaining(['dist/lib/quire.js', 'dist/lib/types/embed/index.d.ts']));
    const peers = Object.keys(manifest.peerDependencies ?? {});
    expect(peers).toEqual(expect.arrayContaining(['react', 'react-dom', 'lexical', '@lexical/react', 'yjs']));
    const dependencies = Object.keys(manifest.dependencies ?? {});
    expect(dependencies.filter((name) => name.startsWith('@quire/'))).toEqual([]);
    expect(dependencies.filter((name) => peers.includes(name))).toEqual([]);
  });

  async function open(app: 'react' | 'plain', doc: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const token = await makeToken({ docs: [doc], access: 'write', name: app });
    const query = new URLSearchParams({ server: server.url, doc, token });
    await page.goto(`${host.origin}/${app}/index.html?${query}`);
    await page.locator('#status', { hasText: 'connected' }).waitFor({ timeout: 30_000 });
    return page;
  }

  const content = (page: Page) => page.locator('.q-content[contenteditable="true"]');

  async function typeInto(page: Page, text: string): Promise<void> {
    await content(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(text);
  }

  async function waitForText(page: Page, text: string): Promise<void> {
    await waitFor(async () => (await content(page).innerText()).includes(text), {
      timeoutMs: 20_000,
      what: `"${text}" in the other app`,
    });
  }

  it('the React app and the mountEditor app edit one document and see each other', async () => {
    const doc = `outside/${docName()}`;
    const [react, plain] = [await open('react', doc), await open('plain', doc)];
    await typeInto(react, 'Typed in React.');
    await waitForText(plain, 'Typed in React.');
    await typeInto(plain, ' Typed without a framework.');
    await waitForText(react, 'Typed without a framework.');
    for (const page of [react, plain]) {
      // The styles travel in the package's JavaScript: the toolbar is laid out by them.
      expect(await page.locator('#quire-editor-styles').count()).toBe(1);
      expect(
        await page
          .locator('.q-root')
          .first()
          .evaluate((el) => getComputedStyle(el).getPropertyValue('--q-accent')),
      ).not.toBe('');
    }
    const stored = await (
      await fetch(`${server.url}/api/docs/${encodeURIComponent(doc)}?format=text`, {
        headers: { authorization: `Bearer ${await makeToken({ docs: [doc], access: 'read' })}` },
      })
    ).text();
    expect(stored).toContain('Typed in React.');
    expect(stored).toContain('Typed without a framework.');
    await screenshot(react, 'outside-react-app');
  });
});
