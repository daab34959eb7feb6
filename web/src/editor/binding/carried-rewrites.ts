/**
 * Text one's Enter carried out of a block stays "carried" when one's own later edit writes it
 * again (issue 19, fuzz seed 2 at 48 steps; used by moved-text-rescue.ts). A person offline
 * pressed Enter in a list item (the text after the caret went into a new item, carried-text.ts)
 * and then pasted in the middle of that text: @lexical/yjs split the text node there, deleting
 * the rest of the line and writing it again, under the same person's name, in a new node.
 * Someone else meanwhile made the whole list a quote; their copy holds the carried text. On
 * receiving the quote, the rescue of one's unseen words (moved-text-rescue.ts) leaves the
 * carried characters (the quote holds them) but took the rewritten ones for one's typing and
 * wrote them again: the words after the paste showed twice.
 *
 * So a local edit that deletes carried characters and writes them again at the start of a new
 * text node (the shape rewritten-items.ts reads) notes the rewrite as carried out of the same
 * block; the rescue then leaves those characters as it leaves the carried ones.
 */
import { ContentString, findIndexSS, isDeleted, Item, type Doc, type Transaction } from 'yjs';
import { carriedKeyAt, isCarriedOutOf } from './carried-text.js';
import type { RestoredItems } from './restored-items.js';
import { opensNewNode, rewrittenLength } from './rewritten-items.js';

/** A rewrite of carried characters: clocks [start, end) and the key of the block they were carried out of. */
type Rewrite = [start: number, end: number, key: string];

/** How many rewrites are remembered per document (the newest). */
const MAX_REWRITES = 1000;

const rewrites = new WeakMap<Doc, Rewrite[]>();

/** The key of the block one's own character at `clock` was carried out of, directly or through rewrites. */
function keyAt(doc: Doc, clock: number): string | null {
  const rewrite = rewrites.get(doc)?.find(([start, end]) => clock >= start && clock < end);
  return rewrite?.[2] ?? carriedKeyAt(doc, clock);
}

/** One's own carried characters `transaction` deleted from `parent`, in order, with the block they came from. */
function deletedCarried(parent: Item['parent'], transaction: Transaction): { text: string; key: string | null } {
  const { doc, deleteSet } = transaction;
  let [text, key] = ['', null as string | null];
  for (let item = (parent as { _start: Item | null })._start; item !== null; item = item.right) {
    if (!(item.content instanceof ContentString) || item.id.client !== doc.clientID) continue;
    if (!isDeleted(deleteSet, item.id)) continue;
    const from = keyAt(doc, item.id.clock);
    if (from === null || (key !== null && from !== key)) continue;
    [text, key] = [text + item.content.str, from];
  }
  return { text, key };
}

/** The rewrites of carried characters a local `transaction` made. */
function rewritesIn(transaction: Transaction): Rewrite[] {
  const { doc } = transaction;
  const from = transaction.beforeState.get(doc.clientID) ?? 0;
  const to = transaction.afterState.get(doc.clientID) ?? 0;
  const structs = doc.store.clients.get(doc.clientID);
  if (to <= from || structs === undefined || !transaction.deleteSet.clients.has(doc.clientID)) return [];
  const found: Rewrite[] = [];
  for (let i = findIndexSS(structs, from); i < structs.length; i++) {
    const item = structs[i];
    if (!(item instanceof Item) || item.deleted || !(item.content instanceof ContentString)) continue;
    if (!opensNewNode(item, from)) continue;
    const { text, key } = deletedCarried(item.parent, transaction);
    const length = key === null ? 0 : rewrittenLength(item.content.str, text);
    if (length > 0) found.push([item.id.clock + item.length - length, item.id.clock + item.length, key!]);
  }
  return found;
}

/** Notes, on `doc`, each local edit's rewrites of carried characters. */
export function watchCarriedRewrites(doc: Doc): () => void {
  const onAfter = (transaction: Transaction): void => {
    if (!transaction.local) return;
    const found = rewritesIn(transaction);
    if (found.length === 0) return;
    const list = rewrites.get(doc) ?? [];
    rewrites.set(doc, [...list, ...found].slice(-MAX_REWRITES));
  };
  doc.on('afterTransaction', onAfter);
  return () => doc.off('afterTransaction', onAfter);
}

/** Whether the rewrite noted at `clock` of one's own is of text carried out of a block `transaction` deleted. */
function isRewriteAt(transaction: Transaction, clock: number): boolean {
  const rewrite = rewrites.get(transaction.doc)?.find(([start, end]) => clock >= start && clock < end);
  return rewrite !== undefined && isCarriedOutOf(transaction.doc, rewrite[2], transaction);
}

/**
 * Whether one's own `item` (a run of characters) starts with a rewrite of carried text whose
 * block a remote `transaction` deleted too: the mover's copy of that block holds it.
 */
export const isRewrittenCarry = (transaction: Transaction, item: Item): boolean =>
  item.id.client === transaction.doc.clientID && isRewriteAt(transaction, item.id.clock);

/**
 * The characters of one's own `item` (a run of characters) one typed: not written back by
 * undo (restored-items.ts), nor a rewrite of carried text the remote `transaction`'s author holds.
 */
export function typedOf(item: Item, transaction: Transaction, restored: RestoredItems): string {
  const { client, clock } = item.id;
  const { str } = item.content as ContentString;
  if (rewrites.get(transaction.doc) === undefined) return restored.typed(client, clock, str);
  return restored.typed(client, clock, str, (at) => isOwnCarriedRewrite(transaction, client, at));
}

/** Whether the character `client:clock` is one's own rewrite of carried text `transaction`'s author holds. */
export const isOwnCarriedRewrite = (transaction: Transaction, client: number, clock: number): boolean =>
  client === transaction.doc.clientID && rewrites.get(transaction.doc) !== undefined && isRewriteAt(transaction, clock);
