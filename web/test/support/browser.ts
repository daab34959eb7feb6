import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page, type WebSocketRoute } from 'playwright-core';
import { requireWebBuild, waitFor } from './server.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);
const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));

if (!HAS_CHROMIUM) {
  console.warn(`!!! ${CHROMIUM_PATH} is not installed: skipping the browser tests (apt-get install chromium) !!!`);
}

export function launchBrowser(): Promise<Browser> {
  requireWebBuild();
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface User {
  name: string;
  color: string;
}

/**
 * A person in their own browser context (own storage, own IndexedDB). Their WebSockets
 * and HTTP-transport streams (issue 9) pass through routes so the test can cut them:
 * `context.setOffline` leaves open sockets alone, and a reload needs HTTP while syncing
 * stays blocked. (The pages sync over WebSocket when blocked, so no stream is open then.)
 */
export interface Person {
  context: BrowserContext;
  page: Page;
  setSocketsBlocked(isBlocked: boolean): Promise<void>;
  /** Closes the server chose for this person's sockets because of what they sent (1002, 1003). */
  refusals: string[];
}

/** Close codes the server answers a refused update with: the page would resend it forever. */
const REFUSED = new Set([1002, 1003]);

export async function openPerson(browser: Browser, user: User, width = 1100): Promise<Person> {
  const context = await browser.newContext({ viewport: { width, height: 720 } });
  await context.addInitScript((stored) => {
    window.localStorage.setItem('quire:user', stored);
  }, JSON.stringify(user));
  let isBlocked = false;
  const refusals: string[] = [];
  const live = new Set<WebSocketRoute>();
  await context.routeWebSocket(/.*/, (ws) => {
    if (isBlocked) {
      void ws.close({ code: 1001, reason: 'test: offline' });
      return;
    }
    const server = ws.connectToServer();
    server.onClose((code, reason) => {
      if (code !== undefined && REFUSED.has(code)) refusals.push(`${code} ${reason}`);
      void ws.close({ code, reason });
    });
    live.add(ws);
    // Setting onClose turns off Playwright's forwarding of the page's close to the server.
    ws.onClose((code, reason) => {
      live.delete(ws);
      void server.close({ code, reason });
    });
  });
  await context.route(/\/api\/docs\/.+\/events/, (route) =>
    isBlocked ? route.abort('internetdisconnected') : route.fallback(),
  );
  const page = await context.newPage();
  return {
    context,
    page,
    refusals,
    async setSocketsBlocked(next) {
      isBlocked = next;
      if (next) await Promise.all([...live].map((ws) => ws.close({ code: 1001, reason: 'test: offline' })));
    },
  };
}

export const editorOf = (page: Page) => page.locator('.q-content');
export const statusOf = (page: Page) => page.locator('.q-status');

/** The address of a document page, with an access token when the server needs one. */
export function docUrl(baseUrl: string, docName: string, token?: string): string {
  return `${baseUrl}/d/${encodeURIComponent(docName)}${token === undefined ? '' : `?token=${token}`}`;
}

/** Opens a document and waits until it is synced (and editable, unless it is read-only). */
export async function openDoc(
  page: Page,
  baseUrl: string,
  docName: string,
  { token, isReadOnly = false }: { token?: string; isReadOnly?: boolean } = {},
): Promise<void> {
  await page.goto(docUrl(baseUrl, docName, token));
  await waitForConnected(page, { isReadOnly });
}

export async function waitForConnected(page: Page, { isReadOnly = false } = {}): Promise<void> {
  await statusOf(page).and(page.locator('[data-connection="connected"]')).waitFor({ timeout: 15_000 });
  // Read-only text keeps a caret once loaded (keyboard selection), marked aria-readonly.
  const loaded = isReadOnly
    ? '[contenteditable="true"][aria-readonly="true"]'
    : '[contenteditable="true"]:not([aria-readonly])';
  await page.locator(`.q-content${loaded}`).waitFor({ timeout: 15_000 });
}

export async function waitForText(page: Page, expected: string, timeoutMs = 10_000): Promise<void> {
  await waitFor(async () => (await editorOf(page).innerText()).includes(expected), {
    timeoutMs,
    what: `"${expected}" in the editor`,
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png` });
}

/** In the page: whether Lexical's selection has both ends where the browser's are. */
function editorReadSelection(): boolean {
  type Point = { offset: number };
  const root = document.querySelector('[contenteditable="true"]') as
    | (HTMLElement & {
        __lexicalEditor?: { getEditorState(): { _selection: { anchor: Point; focus: Point } | null } };
      })
    | null;
  const ours = root?.__lexicalEditor?.getEditorState()._selection;
  const dom = window.getSelection();
  return (
    ours != null && dom !== null && ours.anchor.offset === dom.anchorOffset && ours.focus.offset === dom.focusOffset
  );
}

/**
 * Waits until the editor has read the caret or selection the last keys moved: Lexical reads it
 * on `selectionchange`, which comes after the key, so a key pressed (or a toolbar button used) at
 * once can act where the caret was before. Both ends are compared, so Shift+arrows count too.
 */
export async function waitForCaret(page: Page): Promise<void> {
  await page.waitForFunction(editorReadSelection, undefined, { timeout: 10_000 });
}
