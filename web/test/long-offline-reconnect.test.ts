/**
 * A page cut off from the server for a while comes back as soon as the network does (issue
 * 19, fuzz seed 11 at 48 steps: a page offline for most of the run "did not reconnect" within
 * 15 s). With WebSockets blocked the page moves to the HTTP transport (transport-policy.ts),
 * whose reconnect backoff grew to 30 s while the server stayed unreachable, so it kept
 * showing "offline" and sending nothing for up to half a minute after the network was back;
 * the WebSocket transport waits at most 2.5 s.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editorOf, HAS_CHROMIUM, openDoc, statusOf, waitForConnected } from './support/browser.js';
import { useBrowserSuite } from './support/suite.js';
import { waitFor } from './support/server.js';

/** Failed attempts after which the old backoff waited 15 to 30 s before the next one. */
const LONG_OUTAGE_ATTEMPTS = 9;

/** Counts the page's attempts to open the HTTP transport's event stream. */
async function countStreamAttempts(page: Page): Promise<() => number> {
  let attempts = 0;
  await page.route(/\/api\/docs\/.+\/events(\?|$)/, (route) => {
    if (route.request().method() === 'GET') attempts++;
    return route.fallback();
  });
  return () => attempts;
}

describe.skipIf(!HAS_CHROMIUM)('reconnecting after a long outage (issue 19)', () => {
  const suite = useBrowserSuite([
    { name: 'Ada', color: '#d9480f' },
    { name: 'Grace', color: '#1971c2' },
  ]);

  it('a page that could not reach the server for many attempts reconnects promptly and sends what was typed', async () => {
    const [ada, grace] = suite.people;
    const docName = 'long-outage';
    await openDoc(ada!.page, suite.server.url, docName);
    await openDoc(grace!.page, suite.server.url, docName);
    const attempts = await countStreamAttempts(grace!.page);
    await grace!.setSocketsBlocked(true);
    await editorOf(grace!.page).click();
    await grace!.page.keyboard.type('typed while cut off');
    await statusOf(grace!.page).and(grace!.page.locator('[data-transport="http"]')).waitFor({ timeout: 15_000 });
    await waitFor(() => attempts() >= LONG_OUTAGE_ATTEMPTS, {
      timeoutMs: 120_000,
      what: `${LONG_OUTAGE_ATTEMPTS} failed attempts over HTTP`,
    });
    await grace!.setSocketsBlocked(false);
    // waitForConnected allows 15 s: the old backoff waited at least that long here.
    await waitForConnected(grace!.page);
    await waitFor(async () => (await editorOf(ada!.page).innerText()).includes('typed while cut off'), {
      timeoutMs: 15_000,
      what: 'the text typed while cut off on the other page',
    });
    expect(await editorOf(ada!.page).innerText()).toContain('typed while cut off');
  }, 180_000);
});
