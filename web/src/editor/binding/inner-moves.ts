/**
 * A container's move noted under the blocks inside it too (issue 19, fuzz seed 13 at 48
 * steps; used by concurrent-moves.ts). Making a list a quote moves the list: its note is
 * keyed by the list's id. Someone who pressed Enter in one of its items meanwhile notes that
 * split under the item's id (carried-text.ts), so the two notes never met and the text
 * after the caret showed twice. Each block inside a moved container that holds text of its
 * own is therefore noted as moved too, to the innermost new block holding its copy: the
 * notes of one item then settle which copy of the carried text stays.
 */
import { ContentString, ContentType, isDeleted, XmlText, type Item, type Transaction } from 'yjs';
import { locateMovedCopy } from './moved-copy.js';
import type { MoveNote } from './undone-moves.js';

/** A block inside a moved container: its id, and its move (its text then, the new block holding its copy). */
export interface InnerMove {
  key: string;
  move: { note: MoveNote; seen: string; copy: { block: Item } };
}

/** How many inner blocks of one moved container are noted (a long list turned into paragraphs). */
const MAX_INNER = 200;

/** The blocks inside `block` (a deleted container), outermost first. */
function innerBlocks(block: XmlText, into: XmlText[] = []): XmlText[] {
  for (let item = block._start; item !== null && into.length < MAX_INNER; item = item.right) {
    if (item.content instanceof ContentType && item.content.type instanceof XmlText) {
      into.push(item.content.type);
      innerBlocks(item.content.type, into);
    }
  }
  return into;
}

/** The characters the transaction deleted directly in `block` (not in blocks inside it). */
function ownTextDeleted(block: XmlText, transaction: Transaction): string {
  let text = '';
  for (let item = block._start; item !== null; item = item.right) {
    if (item.content instanceof ContentString && isDeleted(transaction.deleteSet, item.id)) text += item.content.str;
  }
  return text;
}

/** The innermost live block around `parent` that `note` wrote, if any. */
function newBlockAt(parent: XmlText, [client, start, end]: MoveNote): Item | null {
  for (let type: unknown = parent; type instanceof XmlText;) {
    const item = type._item;
    if (item === null || item.deleted) return null;
    if (item.id.client === client && item.id.clock >= start && item.id.clock < end) return item;
    type = item.parent;
  }
  return null;
}

/** The blocks inside the moved containers `moved` whose own text `written` holds, with their copy. */
export function innerMoves(
  transaction: Transaction,
  note: MoveNote,
  moved: Array<{ block: Item }>,
  written: Set<Item>,
): InnerMove[] {
  const found: InnerMove[] = [];
  for (const { block: container } of moved) {
    for (const inner of innerBlocks((container.content as ContentType).type as XmlText)) {
      const seen = ownTextDeleted(inner, transaction);
      const copy = seen === '' ? null : locateMovedCopy(seen, written);
      const block = copy === null ? null : newBlockAt(copy.parent, note);
      const { id } = inner._item!;
      if (block !== null) found.push({ key: `${id.client}:${id.clock}`, move: { note, seen, copy: { block } } });
    }
  }
  return found;
}
