import type { Page } from 'playwright-core';
import { editorOf } from './browser.js';
import { waitFor } from './server.js';

/** Text compared across pages and the server: runs of white space made one space. */
export const normalized = (text: string): string => text.replace(/\s+/g, ' ').trim();

export async function serverText(baseUrl: string, docName: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/docs/${encodeURIComponent(docName)}?format=text`);
  if (!res.ok) throw new Error(`GET text of ${docName}: ${res.status}`);
  return res.text();
}

/**
 * The document's text as a page shows it, without the controls drawn on images ("Image
 * options", "Uploading…"), which are not text of the document. Read from a copy outside the
 * editor, so the editor's own DOM is left alone.
 */
export async function documentTextOf(page: Page): Promise<string> {
  return editorOf(page).evaluate((editor) => {
    const copy = editor.cloneNode(true) as HTMLElement;
    for (const image of copy.querySelectorAll('.q-image')) image.remove();
    copy.style.position = 'absolute';
    copy.style.left = '-10000px';
    document.body.append(copy);
    const text = copy.innerText;
    copy.remove();
    return text;
  });
}

/** Waits until every page and the server's render show the same text; returns it. */
export async function waitForConvergence(
  pages: Page[],
  baseUrl: string,
  docName: string,
  timeoutMs = 20_000,
): Promise<string> {
  let last: string[] = [];
  const agreed = await waitFor(
    async () => {
      const texts = await Promise.all([
        ...pages.map(async (page) => normalized(await documentTextOf(page))),
        serverText(baseUrl, docName).then(normalized),
      ]);
      last = texts;
      return texts.every((text) => text === texts[0]) ? { text: texts[0]! } : null;
    },
    { timeoutMs, what: 'every page and the server to show the same text' },
  ).catch((err: unknown) => {
    throw new Error(`no convergence: ${JSON.stringify(last)}`, { cause: err });
  });
  return agreed.text;
}

export async function waitForOffline(page: Page): Promise<void> {
  await page.locator('.q-status[data-connection="offline"]').waitFor({ timeout: 15_000 });
}

export async function waitForSaved(page: Page): Promise<void> {
  await page.locator('.q-status[data-connection="connected"][data-saved="saved"]').waitFor({ timeout: 15_000 });
}

/** How often `word` occurs as a whole word. */
export function occurrences(text: string, word: string): number {
  return text.split(/[^\p{L}\p{N}]+/u).filter((token) => token === word).length;
}
