/**
 * Others' characters one's own edit wrote again are not text one typed (issue 19). A line
 * break (or Enter in a code block) in the middle of a text node splits it: @lexical/yjs
 * deletes the characters after the caret and writes them again in a new text node, under
 * one's own name. A collaborator who moved the block meanwhile, not having seen the break,
 * copied the original characters; writing one's rewritten copy into their copy again
 * (moved-text-rescue.ts) showed them twice (the seeded fuzz, seed 30 at 48 steps).
 *
 * A rewrite is told by its shape: in one local transaction, one's own characters that open
 * a new text node (right after its marker, written in the same transaction) and are a run
 * of characters others wrote that the same transaction deleted from the same block, or end
 * with all of those (a paste before them, merged into their text node). One's
 * own characters rewritten stay one's own (their copy is the only one left).
 */
import { ContentString, ContentType, findIndexSS, isDeleted, Item, Map as YMap, type Transaction } from 'yjs';

/** Others' characters `transaction` deleted from `parent`, in order. */
function deletedOthers(parent: Item['parent'], transaction: Transaction): string {
  const { doc, deleteSet } = transaction;
  let text = '';
  for (let item = (parent as { _start: Item | null })._start; item !== null; item = item.right) {
    if (item.content instanceof ContentString && item.id.client !== doc.clientID && isDeleted(deleteSet, item.id)) {
      text += item.content.str;
    }
  }
  return text;
}

/** The item opens a text node written in the same transaction (`from`: its first own clock). */
export const opensNewNode = (item: Item, from: number): boolean => {
  const left = item.left;
  return (
    left !== null &&
    left.content instanceof ContentType &&
    left.content.type instanceof YMap &&
    left.id.client === item.id.client &&
    left.id.clock >= from
  );
};

/**
 * How many of the last characters of `text` (own, opening a node) copy `deleted`: all of them
 * when it is a run of it (the rest of a line after a break), or the rest of the line at its
 * end (a paste before it, merged into one text node with it).
 */
export function rewrittenLength(text: string, deleted: string): number {
  if (deleted === '') return 0;
  if (deleted.includes(text)) return text.length;
  return text.endsWith(deleted) ? deleted.length : 0;
}

/** Clock ranges [start, end) of one's own characters a local `transaction` copied from others' it deleted. */
export function rewrittenRanges(transaction: Transaction): Array<[number, number]> {
  const { doc } = transaction;
  const from = transaction.beforeState.get(doc.clientID) ?? 0;
  const to = transaction.afterState.get(doc.clientID) ?? 0;
  const structs = doc.store.clients.get(doc.clientID);
  if (to <= from || structs === undefined || transaction.deleteSet.clients.size === 0) return [];
  const ranges: Array<[number, number]> = [];
  for (let i = findIndexSS(structs, from); i < structs.length; i++) {
    const item = structs[i];
    if (!(item instanceof Item) || item.deleted || !(item.content instanceof ContentString)) continue;
    if (!opensNewNode(item, from)) continue;
    const length = rewrittenLength(item.content.str, deletedOthers(item.parent, transaction));
    if (length > 0) ranges.push([item.id.clock + item.length - length, item.id.clock + item.length]);
  }
  return ranges;
}
