/**
 * What a failing run of the editing fuzz (editing.fuzz.test.ts) leaves behind to be replayed
 * (support/fuzz-replay.ts): each page's Yjs state and Lexical editor state, and the server's
 * stored state, taken just before an offline page reconnects and at the end (with
 * FUZZ_CAPTURE_STEPS=1 also after each step), with the step log.
 *
 * A page's Yjs state is read from its own IndexedDB copy (y-indexeddb keeps every update the
 * page's Y.Doc made or received, collab/device-copies.ts), so the app needs no test hook. A
 * read-only transaction opened after the page's last write sees that write (IndexedDB orders
 * transactions on one store), so the copy is the Y.Doc as it stands. The editor state comes
 * from the `__lexicalEditor` Lexical puts on its root element.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { offlineStoreName } from '../../src/collab/device-copies.js';
import { documentTextOf } from './converge.js';

export const FUZZ_DUMPS = fileURLToPath(new URL('../../../test-results/fuzz/', import.meta.url));

/** One page at one moment. */
export interface PageCapture {
  /** The page's Y.Doc as one update; null when the page kept no copy (never connected). */
  state: Uint8Array | null;
  /** Lexical's editor state (its JSON), or null when the page shows no editor. */
  editor: unknown;
  text: string;
}

export interface Capture {
  label: string;
  pages: PageCapture[];
  /** The server's stored state (`?format=yjs`), or null when it could not be read. */
  server: Uint8Array | null;
}

/** The updates in a page's copy of `docName`, base64; empty when it has none. */
function readCopy(page: Page, storeName: string): Promise<string[]> {
  return page.evaluate(async (name) => {
    // Opening a name that does not exist would create an empty database y-indexeddb cannot use.
    if (!(await indexedDB.databases()).some((db) => db.name === name)) return [];
    return new Promise<string[]>((resolve, reject) => {
      const opening = indexedDB.open(name);
      opening.onerror = () => reject(new Error(`open ${name}: ${String(opening.error)}`));
      opening.onsuccess = () => {
        const db = opening.result;
        const reading = db.transaction('updates', 'readonly').objectStore('updates').getAll();
        reading.onerror = () => reject(new Error(`read ${name}: ${String(reading.error)}`));
        reading.onsuccess = () => {
          db.close();
          const updates = reading.result as Uint8Array[];
          resolve(updates.map((bytes) => btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''))));
        };
      };
    });
  }, storeName);
}

function editorStateOf(page: Page): Promise<unknown> {
  return page.evaluate(() => {
    const root = document.querySelector('.q-content') as {
      __lexicalEditor?: { getEditorState(): { toJSON(): object } };
    } | null;
    return root?.__lexicalEditor?.getEditorState().toJSON() ?? null;
  });
}

async function readPage(page: Page, docName: string): Promise<PageCapture> {
  const updates = (await readCopy(page, offlineStoreName(docName))).map((text) => Buffer.from(text, 'base64'));
  return {
    state: updates.length === 0 ? null : Y.mergeUpdates(updates),
    editor: await editorStateOf(page),
    text: await documentTextOf(page),
  };
}

/** A page that cannot be read (closed, crashed) is noted as such: the other pages are still worth keeping. */
export function capturePage(page: Page, docName: string): Promise<PageCapture> {
  return readPage(page, docName).catch((err: unknown) => ({
    state: null,
    editor: null,
    text: `(not captured: ${err instanceof Error ? err.message : String(err)})`,
  }));
}

export async function serverState(baseUrl: string, docName: string): Promise<Uint8Array | null> {
  const res = await fetch(`${baseUrl}/api/docs/${encodeURIComponent(docName)}?format=yjs`).catch(() => null);
  return res?.ok === true ? new Uint8Array(await res.arrayBuffer()) : null;
}

export interface RunInfo {
  seed: number;
  steps: number;
  /** Which pass: `default`, `tables`, `all` or `only` (a FUZZ_ACTIONS subset). */
  pass: string;
  log: string[];
}

/** A folder that is not there yet: `<seed>-<steps>-<pass>`, then `-2`, `-3`… so no dump is overwritten. */
function freeFolder(root: string, info: RunInfo): string {
  const base = join(root, `${info.seed}-${info.steps}-${info.pass}`);
  let dir = base;
  for (let n = 2; existsSync(dir); n++) dir = `${base}-${n}`;
  return dir;
}

/** Writes the captures as `<label>/page-<i>.yjs|.json|.txt` and `<label>/server.yjs`. */
async function writeCapture(dir: string, capture: Capture): Promise<void> {
  const folder = join(dir, capture.label);
  await mkdir(folder, { recursive: true });
  for (const [index, page] of capture.pages.entries()) {
    if (page.state !== null) await writeFile(join(folder, `page-${index}.yjs`), page.state);
    await writeFile(join(folder, `page-${index}.json`), JSON.stringify(page.editor, null, 1));
    await writeFile(join(folder, `page-${index}.txt`), page.text);
  }
  if (capture.server !== null) await writeFile(join(folder, 'server.yjs'), capture.server);
}

/**
 * Keeps the captures of one fuzz run in memory; `failed` writes them (with one taken at that
 * moment, `end`) only when the run fails.
 */
export class FuzzRecorder {
  readonly captures: Capture[] = [];

  constructor(
    private readonly pages: Page[],
    private readonly baseUrl: string,
    private readonly docName: string,
    private readonly root = FUZZ_DUMPS,
  ) {}

  async capture(label: string): Promise<void> {
    const pages = await Promise.all(this.pages.map((page) => capturePage(page, this.docName)));
    this.captures.push({ label, pages, server: await serverState(this.baseUrl, this.docName) });
  }

  /** Writes the dump; returns its folder. */
  async write(info: RunInfo, problem: string): Promise<string> {
    await this.capture('end');
    const dir = freeFolder(this.root, info);
    for (const capture of this.captures) await writeCapture(dir, capture);
    const labels = this.captures.map((capture) => capture.label);
    const meta = { seed: info.seed, steps: info.steps, pass: info.pass, docName: this.docName, captures: labels };
    await writeFile(join(dir, 'meta.json'), JSON.stringify(meta, null, 2));
    await writeFile(join(dir, 'steps.log'), `${info.log.join('\n')}\n\n${problem}\n`);
    return dir;
  }

  /** `err` with where the dump went (or why there is none) added to its message. */
  async failed(err: unknown, info: RunInfo): Promise<unknown> {
    if (!(err instanceof Error)) return err;
    const where = await this.write(info, err.message).then(
      (dir) => `fuzz dump (replay with web/test/support/fuzz-replay.ts): ${dir}`,
      (dumpErr: unknown) => `no fuzz dump: ${dumpErr instanceof Error ? dumpErr.message : String(dumpErr)}`,
    );
    err.message = `${where}\n${err.message}`;
    return err;
  }
}
