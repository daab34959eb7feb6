/**
 * Blocks split off a moved copy by its mover (issue 19; used by concurrent-moves.ts and
 * undone-moves.ts). Pressing Enter, or pasting several paragraphs, in the middle of one's
 * moved copy puts the text after the caret into new blocks right after it: the copy alone
 * then holds only part of what was moved. A winning copy's words are read with those blocks,
 * and a losing copy's split-off blocks keep only the words the winner lacks, as the copy does
 * (copy-reconcile.ts): otherwise the words after the caret showed twice.
 */
import { ContentType, XmlText, type Item } from 'yjs';
import { keepUnmatchedWords } from './copy-reconcile.js';

/** A move note's clocks (undone-moves.ts MoveNote, not imported: undone-moves imports this module). */
type MoveNote = readonly [client: number, start: number, end: number, time?: number];

/** How many blocks after a copy are looked at (a paste makes one per paragraph). */
const MAX_SPLIT_OFFS = 64;

/**
 * The live blocks right after `copy` (a block item) that the mover of `note` wrote after
 * the move, up to the first block that is not one.
 */
export function splitOffs(copy: Item, [client, , end]: MoveNote): Item[] {
  const found: Item[] = [];
  for (let item = copy.right; item !== null && found.length < MAX_SPLIT_OFFS; item = item.right) {
    if (item.deleted) continue;
    const isBlock = item.content instanceof ContentType && item.content.type instanceof XmlText;
    if (!isBlock || item.id.client !== client || item.id.clock < end) break;
    found.push(item);
  }
  return found;
}

/** `block` and the blocks its mover split off it after the move `note`. */
export function withSplitOffs(block: XmlText, note: MoveNote): XmlText[] {
  const item = block._item;
  const after = item === null ? [] : splitOffs(item, note);
  return [block, ...after.map((split) => (split.content as ContentType).type as XmlText)];
}

/** One's losing `copy`'s split-off blocks keep only the words none of `theirs` holds. */
export function trimSplitOffs(copy: Item, note: MoveNote, theirs: string[][]): void {
  for (const block of splitOffs(copy, note)) keepUnmatchedWords(block, theirs);
}
