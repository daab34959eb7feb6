/**
 * Replays a failing fuzz run's dump (support/fuzz-dump.ts) headless, to turn it into a unit
 * test: load the folder, then apply its states, in the order to try, to headless pages that
 * carry the app's binding (as web/test/unit's tests build them). For example, the offline
 * page's state before it reconnected meeting the server's:
 *
 *   const dump = await readFuzzDump('test-results/fuzz/9-48-default');
 *   const before = dump.captures.find((capture) => capture.label.startsWith('p2-reconnects'))!;
 *   const page = await replayPage([before.pages[2]!.state!, before.server!]);
 *   headlessText(page.editor); // compare with before.pages[2].text, the end, the server...
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { QUIRE_NODES } from '@quire/shared/lexical';
import * as Y from 'yjs';
import { keepOneCopyOfMoves } from '../../src/editor/binding/concurrent-moves.js';
import { keepMovedAwayText } from '../../src/editor/binding/moved-text-rescue.js';
import { headlessClient, provider, settle, type Person } from './headless-clients.js';

export interface DumpedPage {
  /** The page's Y.Doc as one update; null when it kept none. */
  state: Uint8Array | null;
  /** What the page showed (its editor's inner text). */
  text: string;
  /** Lexical's editor state on the page (JSON). */
  editor: unknown;
}

export interface DumpedCapture {
  /** `p<i>-reconnects-<n>` (just before page i came back online) or `end`. */
  label: string;
  pages: DumpedPage[];
  server: Uint8Array | null;
}

export interface FuzzDump {
  meta: { seed: number; steps: number; pass: string; docName: string; captures: string[] };
  captures: DumpedCapture[];
  /** The step log, then the failure. */
  log: string;
}

const readIfThere = async (path: string): Promise<Uint8Array | null> =>
  existsSync(path) ? new Uint8Array(await readFile(path)) : null;

async function readCapture(dir: string, label: string): Promise<DumpedCapture> {
  const folder = join(dir, label);
  const pages: DumpedPage[] = [];
  for (let index = 0; existsSync(join(folder, `page-${index}.txt`)); index++) {
    pages.push({
      state: await readIfThere(join(folder, `page-${index}.yjs`)),
      text: await readFile(join(folder, `page-${index}.txt`), 'utf8'),
      editor: JSON.parse(await readFile(join(folder, `page-${index}.json`), 'utf8')) as unknown,
    });
  }
  return { label, pages, server: await readIfThere(join(folder, 'server.yjs')) };
}

export async function readFuzzDump(dir: string): Promise<FuzzDump> {
  const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')) as FuzzDump['meta'];
  const captures: DumpedCapture[] = [];
  for (const label of meta.captures) captures.push(await readCapture(dir, label));
  return { meta, captures, log: await readFile(join(dir, 'steps.log'), 'utf8') };
}

/**
 * A headless page as the app's editor binds one: the lossless binding, moved text kept, one
 * copy of moved blocks, every node type of the app. `clientID` fixes its id (a page's own is not
 * in the dump).
 */
export function headlessPage(clientID?: number): Person {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  keepMovedAwayText(doc);
  keepOneCopyOfMoves(doc);
  return { doc, editor: headlessClient(doc, true, provider, QUIRE_NODES) };
}

/**
 * Applies `update` to the page as if it came from the network, then lets the editor read it and
 * the rescues that run after a transaction finish.
 */
export async function receive(page: Person, update: Uint8Array): Promise<void> {
  Y.applyUpdate(page.doc, update, 'remote');
  page.editor.read(() => undefined);
  await settle();
}

/** A fresh headless page that received `updates` in this order. */
export async function replayPage(updates: Uint8Array[], clientID?: number): Promise<Person> {
  const page = headlessPage(clientID);
  for (const update of updates) await receive(page, update);
  return page;
}
