/**
 * The HTTP fallback in real Chromium (issue 9; SPEC: When WebSockets are blocked): a page
 * whose browser cannot use WebSockets edits together with a normal page and a stock
 * y-websocket client, over the server's HTTP transport, without anyone noticing but the
 * badge. The decision itself is unit-tested in unit/transport-policy.test.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  editorOf,
  HAS_CHROMIUM,
  openDoc,
  screenshot,
  statusOf,
  waitForConnected,
  waitForText,
  type Person,
} from './support/browser.js';
import { useBrowserSuite } from './support/suite.js';
import { useClients, waitFor } from './support/server.js';

const ADA = { name: 'Ada', color: '#d9480f' };
const BOB = { name: 'Bob', color: '#2b8a3e' };

/** Like a browser behind a proxy that refuses upgrades, as some extensions and policies do. */
async function blockWebSocketConstructor(person: Person): Promise<void> {
  await person.context.addInitScript(() => {
    window.WebSocket = class {
      constructor() {
        throw new Error('blocked');
      }
    } as unknown as typeof globalThis.WebSocket;
  });
}

async function waitForTransport(page: Page, transport: 'websocket' | 'http', saved = 'saved'): Promise<void> {
  await page
    .locator(`.q-status[data-connection="connected"][data-transport="${transport}"][data-saved="${saved}"]`)
    .waitFor({ timeout: 15_000 });
}

async function waitForCaret(page: Page, name: string): Promise<void> {
  await waitFor(async () => (await page.locator('.q-remote-name').allInnerTexts()).includes(name), {
    what: `${name}'s caret`,
  });
}

describe.skipIf(!HAS_CHROMIUM)('HTTP fallback when WebSockets are blocked (SPEC: When WebSockets are blocked)', () => {
  const suite = useBrowserSuite([ADA, BOB]);
  const clients = useClients();
  let docName: string;

  beforeEach(() => {
    docName = `fallback/${randomUUID()}`;
  });

  it('a page without WebSockets edits with a normal page and a stock client, shows the fallback, saves and keeps its text', async () => {
    const [ada, bob] = suite.people as [Person, Person];
    const [a, b] = [ada.page, bob.page];
    await blockWebSocketConstructor(bob);
    await Promise.all([openDoc(a, suite.server.url, docName), openDoc(b, suite.server.url, docName)]);
    await waitForTransport(a, 'websocket');
    await waitForTransport(b, 'http');
    await expect(b.locator('.q-transport').innerText()).resolves.toBe('HTTP fallback');
    expect(await a.locator('.q-transport').count()).toBe(0);

    const doc = new Y.Doc();
    clients.track(
      new WebsocketProvider(suite.server.wsUrl, docName, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      }),
    );

    await editorOf(a).click();
    await a.keyboard.type('Ada on WebSocket.');
    await waitForText(b, 'Ada on WebSocket.');
    await editorOf(b).click();
    await b.keyboard.press('Control+End');
    await b.keyboard.press('Enter');
    await b.keyboard.type('Bob over HTTP.');
    await waitForText(a, 'Bob over HTTP.');
    await waitFor(async () => (await editorOf(a).innerText()) === (await editorOf(b).innerText()), {
      what: 'both pages to show the same text',
    });
    await waitFor(() => doc.get('root', Y.XmlText).toString().includes('Bob over HTTP.'), {
      what: "Bob's words in the stock client's document",
    });

    await waitForCaret(a, 'Bob');
    await waitForCaret(b, 'Ada');
    await waitForTransport(b, 'http');
    await expect(statusOf(b).innerText()).resolves.toMatch(/Connected.*Saved/s);
    await screenshot(b, 'fallback-http-page');
    await screenshot(a, 'fallback-websocket-page');

    await b.reload();
    await waitForConnected(b);
    await waitForText(b, 'Bob over HTTP.');
    await waitForText(b, 'Ada on WebSocket.');
    await waitForTransport(b, 'http');
  });

  it('falls back when every upgrade is cut before syncing, and `?transport=http` forces the fallback', async () => {
    const [ada, bob] = suite.people as [Person, Person];
    const [a, b] = [ada.page, bob.page];
    // The upgrade "succeeds" but the socket closes at once, as behind a proxy that drops it.
    await b.routeWebSocket(/.*/, (ws) => void ws.close({ code: 1001, reason: 'test: proxy' }));
    await openDoc(b, suite.server.url, docName);
    await waitForTransport(b, 'http');
    await a.goto(`${suite.server.url}/d/${encodeURIComponent(docName)}?transport=http`);
    await waitForTransport(a, 'http');
    await editorOf(a).click();
    await a.keyboard.type('Both on HTTP.');
    await waitForText(b, 'Both on HTTP.');
    await waitForTransport(a, 'http');
  });

  it("the embed library's `transport` option forces the fallback, and onStatus reports it", async () => {
    const page = (suite.people[0] as Person).page;
    await page.goto(`${suite.server.url}/`);
    await page.evaluate(async (name) => {
      await new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = '/embed.js';
        script.onload = resolve;
        script.onerror = reject;
        document.head.append(script);
      });
      const element = document.createElement('div');
      element.style.height = '300px';
      document.body.replaceChildren(element);
      const statuses: unknown[] = [];
      Object.assign(window, { statuses });
      const quire = (window as unknown as { Quire: { mountEditor: (e: HTMLElement, o: object) => void } }).Quire;
      quire.mountEditor(element, {
        serverUrl: location.origin,
        docName: name,
        transport: 'http',
        onStatus: (status: unknown) => statuses.push(status),
      });
    }, docName);
    await waitForTransport(page, 'http');
    const statuses = await page.evaluate(
      () => (window as unknown as { statuses: Array<Record<string, unknown>> }).statuses,
    );
    expect(statuses.at(-1)).toMatchObject({ connection: 'connected', isSaved: true, transport: 'http' });
    expect(statuses.every((status) => status['transport'] === 'http')).toBe(true);
  });
});
