/**
 * Embedding (issue 7; SPEC: Web › Embedding): the script-tag bundle, the iframe page and
 * the React library, each on a host page served from another origin than the Quire
 * server, live with a person in the app at /d/<docName>. The examples in examples/ are
 * the host pages, so the snippets in the README are what is tested.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Browser, FrameLocator, Page, WebSocket as PageSocket } from 'playwright-core';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  editorOf,
  HAS_CHROMIUM,
  launchBrowser,
  openDoc,
  openPerson,
  screenshot,
  waitForText,
  type Person,
} from './support/browser.js';
import { startHostServer, type HostServer } from './support/host-server.js';
import { buildReactExample, EXAMPLES_DIR } from './support/react-example.js';
import { startTestServer, type TestServer, makeToken, TEST_SECRET, waitFor } from './support/server.js';
import { TWO_EDITORS_PAGE } from './support/embed-pages.js';

type Scope = Page | FrameLocator;

const embedText = (scope: Scope, nth = 0) => scope.locator('.q-embed .q-content').nth(nth);

async function waitForEmbedText(scope: Scope, expected: string, nth = 0): Promise<void> {
  await waitFor(async () => (await embedText(scope, nth).innerText()).includes(expected), {
    timeoutMs: 15_000,
    what: `"${expected}" in the embedded editor`,
  });
}

/** Text typed in the app shows in the embed, and text typed in the embed shows in the app. */
async function expectLiveBothWays(app: Page, host: Page, scope: Scope, label: string): Promise<void> {
  await editorOf(app).click();
  await app.keyboard.press('Control+End');
  await app.keyboard.type(` App to ${label}.`);
  await waitForEmbedText(scope, `App to ${label}.`);
  await scope.locator('.q-embed .q-content[contenteditable="true"]').click();
  await host.keyboard.press('Control+End');
  await host.keyboard.type(` ${label} to app.`);
  await waitForText(app, `${label} to app.`);
}

describe.skipIf(!HAS_CHROMIUM)('embedding the editor (SPEC: Web › Embedding; issue 7)', () => {
  let browser: Browser;
  let server: TestServer;
  let host: HostServer;
  let stranger: HostServer;
  let reactBuild: string;
  let people: Person[] = [];

  beforeAll(async () => {
    [browser, reactBuild] = await Promise.all([launchBrowser(), buildReactExample()]);
    const mounts = { '/': EXAMPLES_DIR, '/react/': reactBuild };
    host = await startHostServer({ mounts, pages: { '/two.html': TWO_EDITORS_PAGE } });
    stranger = await startHostServer({ mounts });
    server = await startTestServer({ authSecret: TEST_SECRET, allowedOrigins: [host.origin] });
    host.setQuireUrl(server.url);
    stranger.setQuireUrl(server.url);
  });
  afterAll(async () => {
    await Promise.all([server?.close(), host?.close(), stranger?.close(), browser?.close()]);
    if (reactBuild) await rm(reactBuild, { recursive: true, force: true });
  });
  afterEach(async () => {
    await Promise.all(people.map((person) => person.context.close()));
    people = [];
  });

  async function page(name: string): Promise<Page> {
    const opened = await openPerson(browser, { name, color: '#d9480f' });
    people.push(opened);
    return opened.page;
  }

  /** A document with its first words, open in the app by a writer. */
  async function appWithDoc(): Promise<{ app: Page; docName: string; token: string }> {
    const docName = `embed/${randomUUID()}`;
    const token = await makeToken({ docs: ['embed/*'], access: 'write', name: 'Host User' });
    const app = await page('App Ada');
    await openDoc(app, server.url, docName, { token: await makeToken({ docs: [docName], access: 'write' }) });
    await editorOf(app).click();
    await app.keyboard.type('Written in the app.');
    return { app, docName, token };
  }

  const connections = async (): Promise<number> =>
    ((await (await fetch(`${server.url}/healthz`)).json()) as { connections: number }).connections;

  const query = (docName: string, token: string, name: string): string =>
    new URLSearchParams({ doc: docName, token, name }).toString();

  it('the script-tag embed (/embed.js) shows live text and sends its edits back', async () => {
    const { app, docName, token } = await appWithDoc();
    const embed = await page('Host');
    await embed.goto(`${host.origin}/script-tag.html?${query(docName, token, 'Script Sam')}`);
    await waitForEmbedText(embed, 'Written in the app.');
    await expectLiveBothWays(app, embed, embed, 'script');
    await embed.locator('#status', { hasText: 'connected, saved' }).waitFor();
    await waitFor(async () => (await app.locator('.q-presence').innerText()).includes('Script Sam'), {
      what: "the embed's user in the app's presence list",
    });
    await screenshot(embed, 'embed-script-tag');
  });

  it('the iframe embed (/embed/<docName>) shows live text, sends edits back and posts status to its parent', async () => {
    const { app, docName, token } = await appWithDoc();
    const embed = await page('Host');
    await embed.goto(`${host.origin}/iframe.html?${query(docName, token, 'Frame Fay')}`);
    const frame = embed.frameLocator('#quire');
    await waitForEmbedText(frame, 'Written in the app.');
    await expectLiveBothWays(app, embed, frame, 'iframe');
    await embed.locator('#status', { hasText: 'status: connected, saved' }).waitFor({ timeout: 10_000 });
    await screenshot(embed, 'embed-iframe');
  });

  it('the React component from the library shows live text and sends its edits back', async () => {
    const { app, docName, token } = await appWithDoc();
    const embed = await page('Host');
    await embed.goto(`${host.origin}/react/index.html?${query(docName, token, 'React Rio')}`);
    await waitForEmbedText(embed, 'Written in the app.');
    await expectLiveBothWays(app, embed, embed, 'react');
    expect(await embed.locator('.q-embed .q-tool').count()).toBe(9);
    await embed.locator('#status', { hasText: 'connected, saved' }).waitFor();
  });

  it('two editors on one page, for two documents, stay separate', async () => {
    const [first, second] = [await appWithDoc(), await appWithDoc()];
    const embed = await page('Host');
    const params = new URLSearchParams({ a: first.docName, b: second.docName, token: first.token });
    await embed.goto(`${host.origin}/two.html?${params}`);
    await waitForEmbedText(embed, 'Written in the app.', 0);
    await waitForEmbedText(embed, 'Written in the app.', 1);
    await embedText(embed, 0).click();
    await embed.keyboard.press('Control+End');
    await embed.keyboard.type(' Only in A.');
    await embedText(embed, 1).click();
    await embed.keyboard.press('Control+End');
    await embed.keyboard.type(' Only in B.');
    await waitForText(first.app, 'Only in A.');
    await waitForText(second.app, 'Only in B.');
    expect(await editorOf(first.app).innerText()).not.toContain('Only in B.');
    expect(await editorOf(second.app).innerText()).not.toContain('Only in A.');
    expect(await embedText(embed, 0).innerText()).not.toContain('Only in B.');
    expect(await embedText(embed, 1).innerText()).not.toContain('Only in A.');
  });

  it('destroy() closes the socket, empties the element and removes the user from the presence of others', async () => {
    const { app, docName, token } = await appWithDoc();
    const embed = await page('Host');
    await embed.goto(`${host.origin}/script-tag.html?${query(docName, token, 'Leaving Lou')}`);
    await waitForEmbedText(embed, 'Written in the app.');
    await waitFor(async () => (await app.locator('.q-presence').innerText()).includes('Leaving Lou'), {
      what: 'the embedded user in the presence list',
    });
    const before = await connections();

    await embed.evaluate(() => (window as unknown as { editor: { destroy(): void } }).editor.destroy());
    await waitFor(async () => !(await app.locator('.q-presence').innerText()).includes('Leaving Lou'), {
      what: 'the embedded user gone from the presence list',
    });
    await waitFor(async () => (await connections()) === before - 1, {
      what: "the embed's socket closed on the server",
    });
    expect(await embed.locator('#editor').innerHTML()).toBe('');
    expect(
      await embed.evaluate(() => {
        const { provider } = (window as unknown as { editor: { provider: { shouldConnect: boolean; ws: unknown } } })
          .editor;
        return { shouldConnect: provider.shouldConnect, ws: provider.ws };
      }),
    ).toEqual({ shouldConnect: false, ws: null });
  });

  it('refuses the script-tag embed on an origin missing from --allowed-origins (HTTP 403 at the upgrade)', async () => {
    const { app, docName, token } = await appWithDoc();
    const embed = await page('Stranger');
    const failed: PageSocket[] = [];
    embed.on('websocket', (socket) => socket.on('close', () => failed.push(socket)));
    await embed.goto(`${stranger.origin}/script-tag.html?${query(docName, token, 'Stranger Sue')}`);
    await waitFor(() => failed.length >= 2, { timeoutMs: 15_000, what: 'refused connection attempts' });
    await embed.locator('.q-status[data-connection="offline"]').waitFor();
    expect(await embedText(embed).innerText()).not.toContain('Written in the app.');
    expect(await app.locator('.q-presence').innerText()).not.toContain('Stranger Sue');

    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`${server.wsUrl}/${docName}?token=${token}`, { origin: stranger.origin });
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => reject(new Error('a disallowed origin was let in')));
      socket.on('error', () => undefined);
    });
    expect(status).toBe(403);
  });
});
