/**
 * A failing editing fuzz run leaves a dump that replays headless (issue 19: seed 9 at 48 steps
 * failed too rarely to catch with a step log alone). Three real pages, one offline for a
 * while, go through the fuzz's own recorder (support/fuzz-dump.ts); the dump it writes, read
 * back with support/fuzz-replay.ts, must give the text each page showed.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editorOf, HAS_CHROMIUM, openDoc, waitForConnected, waitForText } from './support/browser.js';
import { normalized, waitForConvergence, waitForOffline } from './support/converge.js';
import { FuzzRecorder } from './support/fuzz-dump.js';
import { readFuzzDump, replayPage } from './support/fuzz-replay.js';
import { headlessText } from './support/headless-clients.js';
import { useBrowserSuite } from './support/suite.js';

const replayedText = async (updates: (Uint8Array | null)[]): Promise<string> => {
  if (updates.includes(null)) throw new Error('a state is missing from the dump');
  const page = await replayPage(updates as Uint8Array[]);
  return normalized(headlessText(page.editor));
};

async function typeAtEnd(page: Page, text: string, newLine = false): Promise<void> {
  await editorOf(page).click();
  await page.keyboard.press('Control+End');
  if (newLine) await page.keyboard.press('Enter');
  await page.keyboard.type(text);
}

describe.skipIf(!HAS_CHROMIUM)('the editing fuzz keeps a failing run replayable (issue 19)', () => {
  const suite = useBrowserSuite([
    { name: 'Ada', color: '#d9480f' },
    { name: 'Grace', color: '#1971c2' },
    { name: 'Cora', color: '#2f9e44' },
  ]);
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'quire-fuzz-dump-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes each page’s and the server’s state before a reconnect and at the end, and they replay to the pages’ text', async () => {
    const docName = `fuzz-dump-${randomUUID()}`;
    const pages = suite.people.map((person) => person.page);
    await Promise.all(pages.map((page) => openDoc(page, suite.server.url, docName)));
    await typeAtEnd(pages[0]!, 'alpha beta ');
    await waitForConvergence(pages, suite.server.url, docName);
    await suite.people[2]!.setSocketsBlocked(true);
    await waitForOffline(pages[2]!);
    await typeAtEnd(pages[2]!, 'offline words', true);
    await typeAtEnd(pages[0]!, 'online');
    await waitForText(pages[1]!, 'online');

    const recorder = new FuzzRecorder(pages, suite.server.url, docName, root);
    await recorder.capture('p2-reconnects-0');
    await suite.people[2]!.setSocketsBlocked(false);
    await waitForConnected(pages[2]!);
    const text = await waitForConvergence(pages, suite.server.url, docName, 30_000);
    const err = (await recorder.failed(new Error('the run failed'), {
      seed: 9,
      steps: 2,
      pass: 'default',
      log: ['p2: go offline', 'p2: type'],
    })) as Error;

    const dir = join(root, '9-2-default');
    expect(err.message).toContain(`fuzz dump (replay with web/test/support/fuzz-replay.ts): ${dir}`);
    expect(err.message).toContain('the run failed');
    const dump = await readFuzzDump(dir);
    expect(dump.meta).toMatchObject({ seed: 9, steps: 2, pass: 'default', docName });
    expect(dump.captures.map((capture) => capture.label)).toEqual(['p2-reconnects-0', 'end']);
    expect(dump.log).toContain('p2: go offline\np2: type\n\nthe run failed');

    const [before, end] = dump.captures as [(typeof dump.captures)[0], (typeof dump.captures)[0]];
    for (const page of end.pages) expect(await replayedText([page.state])).toBe(text);
    expect(await replayedText([end.server])).toBe(text);
    // Before the reconnect: the offline page and the server each lacked the other's words.
    expect(normalized(before.pages[2]!.text)).toBe('alpha beta offline words');
    expect(await replayedText([before.pages[2]!.state])).toBe('alpha beta offline words');
    expect(await replayedText([before.server])).toBe('alpha beta online');
    // Replayed in either order, they meet in the text the pages agreed on.
    expect(await replayedText([before.pages[2]!.state, before.server])).toBe(text);
    expect(await replayedText([before.server, before.pages[2]!.state])).toBe(text);
  }, 120_000);
});
