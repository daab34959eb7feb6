/**
 * Undo takes back only as much of a copy as it copies (issue 19; all-actions editing fuzz, seed
 * 142 at 48 steps). Yjs undoes a deletion by writing a copy of each deleted item under one's own
 * id, and merges copies that follow each other into one item: one's words and the words a
 * collaborator wrote after them became one item when one undid making their line a list. A
 * later undo of one's typing follows one's words to their copy and deletes the item it finds
 * there whole, the collaborator's words with it. Before that item is deleted it is cut where
 * the copy of one item ends (restored-authors.ts keeps where each copy starts and ends); the
 * rest, when the undo takes it back too, is reached from the item it copies.
 */
import { createID, getItemCleanEnd, type Doc, type Item } from 'yjs';
import { copiedInto } from './restored-authors.js';

/** How many characters from the start of `item` copy one item, through copies of copies; null when it copies none. */
function copiedRun(doc: Doc, item: Item): number | null {
  let run: number | null = null;
  let hop = copiedInto(doc, item.id.client, item.id.clock);
  for (let offset = item.id.clock; hop !== null && (run === null || run > 1);) {
    run = Math.min(run ?? Infinity, hop.end - offset);
    offset = hop.from[1];
    hop = copiedInto(doc, ...hop.from);
  }
  return run;
}

/**
 * Cuts `item`, which an undo or redo is about to delete, at the end of what it copies of one
 * item: what lies after that copies something else (or nothing), and is the undo's only if
 * the undo reaches it from what that copies.
 */
export function cutToOneCopy(item: Item): void {
  const doc = (item.parent as { doc: Doc | null } | null)?.doc ?? null;
  const transaction = doc?._transaction ?? null;
  if (doc === null || transaction === null || item.length < 2) return;
  const run = copiedRun(doc, item);
  if (run !== null && run < item.length) {
    getItemCleanEnd(transaction, doc.store, createID(item.id.client, item.id.clock + run - 1));
  }
}
