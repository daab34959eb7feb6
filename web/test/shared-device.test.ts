/**
 * Two people in one browser profile (issue 23): this device's copy of a document belongs
 * to the person whose token opened it, so one person's unsent comment is never sent by the
 * other's page (the server would refuse it, and the page used to reconnect for ever); and
 * a page whose changes the server keeps refusing stops and says so. One browser context,
 * so both people's pages share IndexedDB; the real server with an auth secret.
 */
import { randomUUID } from 'node:crypto';
import { createThread, rootOf } from '@quire/shared/comments';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editorOf, HAS_CHROMIUM, openDoc, waitForText, type Person } from './support/browser.js';
import { makeToken, startTestServer, TEST_SECRET, waitFor, type TestServer } from './support/server.js';
import { REFUSALS_BEFORE_STOP } from '../src/collab/refusal-watch.js';
import { useBrowserSuite } from './support/suite.js';

const TEXT = 'The quick brown fox jumps over the lazy dog';
const threads = (page: Page) => page.locator('.q-thread-list > .q-thread');

async function waitForStatus(page: Page, connection: string, saved: string): Promise<void> {
  await page.locator(`.q-status[data-connection="${connection}"][data-saved="${saved}"]`).waitFor({ timeout: 15_000 });
}

async function comment(page: Page, words: string, body: string): Promise<void> {
  await page.evaluate((target) => {
    const walker = document.createTreeWalker(document.querySelector('.q-content')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(target);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + target.length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      return;
    }
    throw new Error(`no "${target}" on the page`);
  }, words);
  await page.keyboard.press('Control+Alt+M');
  const box = page.getByRole('textbox', { name: 'Comment', exact: true });
  await box.fill(body);
  await box.press('Control+Enter');
}

/** A page in the shared context that counts its connections: WebSockets and HTTP-transport streams. */
async function countedPage(
  person: Person,
): Promise<{ page: Page; counts: Record<'websocket' | 'http', number>; sockets: () => number }> {
  const page = await person.context.newPage();
  const counts = { websocket: 0, http: 0 };
  page.on('websocket', () => (counts.websocket += 1));
  page.on('request', (request) => {
    if (request.method() === 'GET' && /\/api\/docs\/.+\/events/.test(request.url())) counts.http += 1;
  });
  return { page, counts, sockets: () => counts.websocket + counts.http };
}

async function serverComments(server: TestServer, docName: string, token: string): Promise<string[]> {
  const res = await fetch(`${server.url}/api/docs/${encodeURIComponent(docName)}/comments`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const { threads: list } = (await res.json()) as { threads: { comments: { body: string }[] }[] };
  return list.flatMap((thread) => thread.comments.map((item) => item.body));
}

/** A thread under `sub`'s name, made outside any page: what another person's page would have sent. */
function forgedThread(sub: string, body: string): Uint8Array {
  const doc = new Y.Doc();
  const at = Y.createRelativePositionFromTypeIndex(rootOf(doc), 0);
  createThread(
    doc,
    {
      id: randomUUID(),
      start: at,
      end: at,
      quote: 'x',
      comment: { id: randomUUID(), author: { sub, name: sub }, body, now: Date.now() },
    },
    null,
  );
  return Y.encodeStateAsUpdate(doc);
}

/** Adds `update` to a device copy, as y-indexeddb keeps them. */
async function addToCopy(page: Page, databaseName: string, update: Uint8Array): Promise<void> {
  await page.evaluate(
    ({ name, bytes }) =>
      new Promise<void>((resolve, reject) => {
        const opening = indexedDB.open(name);
        opening.onupgradeneeded = () => {
          opening.result.createObjectStore('updates', { autoIncrement: true });
          opening.result.createObjectStore('custom');
        };
        opening.onerror = () => reject(new Error(String(opening.error)));
        opening.onsuccess = () => {
          const transaction = opening.result.transaction('updates', 'readwrite');
          transaction.objectStore('updates').add(Uint8Array.from(bytes));
          transaction.oncomplete = () => {
            opening.result.close();
            resolve();
          };
          transaction.onerror = () => reject(new Error(String(transaction.error)));
        };
      }),
    { name: databaseName, bytes: [...update] },
  );
}

describe.skipIf(!HAS_CHROMIUM)('two people in one browser profile (issue 23)', () => {
  const suite = useBrowserSuite([{ name: 'Shared laptop', color: '#1971c2' }]);
  let server: TestServer;
  let docName: string;
  const tokens = { ada: '', bob: '' };

  beforeEach(async () => {
    server = await startTestServer({ authSecret: TEST_SECRET });
    docName = `shared-device/${randomUUID()}`;
    tokens.ada = await makeToken({ docs: [docName], access: 'write', sub: 'ada', name: 'Ada' });
    tokens.bob = await makeToken({ docs: [docName], access: 'write', sub: 'bob', name: 'Bob' });
  });
  afterEach(async () => {
    await server.close();
  });

  it("one person's offline comment stays theirs: the other syncs normally without it, and it is sent when its author is back", async () => {
    const person = suite.people[0] as Person;
    const a = person.page;
    await openDoc(a, server.url, docName, { token: tokens.ada });
    await editorOf(a).click();
    await a.keyboard.type(TEXT);
    await waitForStatus(a, 'connected', 'saved');

    await person.setSocketsBlocked(true);
    await waitForStatus(a, 'offline', 'saved');
    await comment(a, 'lazy dog', 'Ada, offline');
    await waitForStatus(a, 'offline', 'unsaved');
    // The comment is in Ada's copy: a reload without the server still shows it.
    await a.reload();
    await threads(a).filter({ hasText: 'Ada, offline' }).waitFor({ timeout: 15_000 });
    await a.close();
    await person.setSocketsBlocked(false);

    const bob = await countedPage(person);
    await openDoc(bob.page, server.url, docName, { token: tokens.bob });
    await waitForText(bob.page, TEXT);
    await editorOf(bob.page).click();
    await bob.page.keyboard.press('Control+End');
    await bob.page.keyboard.type(' and Bob');
    await waitForStatus(bob.page, 'connected', 'saved');
    expect(await threads(bob.page).count()).toBe(0);
    expect(await bob.page.locator('.q-notice').count()).toBe(0);
    expect(bob.sockets()).toBe(1);
    expect(await serverComments(server, docName, tokens.bob)).toEqual([]);

    const ada = await countedPage(person);
    await openDoc(ada.page, server.url, docName, { token: tokens.ada });
    await waitFor(async () => (await serverComments(server, docName, tokens.ada)).includes('Ada, offline'), {
      what: "Ada's offline comment on the server",
    });
    await threads(bob.page).filter({ hasText: 'Ada, offline' }).waitFor({ timeout: 15_000 });
    await waitForText(ada.page, `${TEXT} and Bob`);
    expect(ada.sockets()).toBe(1);
  });

  it.each(['websocket', 'http'] as const)(
    'a page whose changes the server keeps refusing stops reconnecting, says so and keeps its copy (%s)',
    async (transport) => {
      const person = suite.people[0] as Person;
      const first = person.page;
      await openDoc(first, server.url, docName, { token: tokens.ada });
      await editorOf(first).click();
      await first.keyboard.type(TEXT);
      await waitForStatus(first, 'connected', 'saved');
      // Bob's own copy holds a comment under Ada's name: the server refuses it (1003) every time.
      await addToCopy(first, `quire:${docName}\u001ebob`, forgedThread('ada', 'Not by Bob'));

      const bob = await countedPage(person);
      // The page's clock is ours, so "reconnects no more" can be checked by moving it on.
      await bob.page.clock.install();
      await bob.page.goto(`${server.url}/d/${encodeURIComponent(docName)}?token=${tokens.bob}&transport=${transport}`);
      const notice = bob.page.locator('.q-notice[data-problem="refused"]');
      await notice.waitFor({ timeout: 20_000 });
      await expect(notice.innerText()).resolves.toContain('The server refused changes made on this device');
      await expect(bob.page.locator('.q-status').innerText()).resolves.toContain('Changes refused');
      const socketsAtStop = bob.sockets();
      // One connection per refusal, then none.
      expect(socketsAtStop).toBeLessThanOrEqual(REFUSALS_BEFORE_STOP);
      expect(bob.counts[transport]).toBe(socketsAtStop);
      expect(socketsAtStop).toBeGreaterThan(0);
      // Nothing was lost: the refused comment is still in the page's copy, and still shown.
      await threads(bob.page).filter({ hasText: 'Not by Bob' }).waitFor({ timeout: 10_000 });
      // Any reconnect would be due within the backoff's ceiling: a minute covers it many times.
      await bob.page.clock.runFor(60_000);
      expect(bob.sockets()).toBe(socketsAtStop);
      // Nor did it pass to Ada's tab in this browser, which would have sent it under her token.
      expect(await threads(first).count()).toBe(0);
      expect(await serverComments(server, docName, tokens.ada)).toEqual([]);
    },
  );
});
