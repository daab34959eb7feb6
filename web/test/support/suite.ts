import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchBrowser, openPerson, type Person, type User } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

/** What a browser test reads inside its tests; set by the hooks of `useBrowserSuite`. */
export interface BrowserSuite {
  browser: Browser;
  server: TestServer;
  /** One browser context per user, in the order given. */
  people: Person[];
}

/**
 * The usual shape of a browser test file (STYLE §7): one Chromium for the file; for each
 * test a fresh server with its own data folder and a browser context per user, all closed
 * afterwards. Call it inside `describe`; hooks the file adds after it run after its setup
 * and before its cleanup.
 */
export function useBrowserSuite(users: User[]): BrowserSuite {
  const suite = { people: [] as Person[] } as BrowserSuite;
  beforeAll(async () => {
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
  });
  beforeEach(async () => {
    suite.server = await startTestServer();
    suite.people = [];
    for (const user of users) suite.people.push(await openPerson(suite.browser, user));
  });
  afterEach(async () => {
    await Promise.all(suite.people.map((person) => person.context.close()));
    await suite.server.close();
  });
  return suite;
}
