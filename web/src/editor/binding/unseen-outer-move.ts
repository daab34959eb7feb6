/**
 * Whether someone's move of a block around one's moved block was made without seeing one's
 * move (issue 19, fuzz seed 38 at 48 steps; used by concurrent-moves.ts). One's note names the
 * inner block (a list item made a code block), theirs the block around it (the list), so the
 * two never meet under one key; one's move gives way to theirs when their copy holds one's text.
 *
 * Theirs may lack part of that text and still have been made without seeing one's move:
 * someone else deleted a word of the item meanwhile, or theirs is a later move of the list by
 * someone who saw one's item leave it (then their copy holds none of the item's text). So the
 * test is whether their copy holds several of the words one saw, in a row: a list whose item
 * had left it before its move cannot hold them, unless the same words stood elsewhere in it.
 */
import type { Doc } from 'yjs';
import { winningWords, type MoveNote } from './undone-moves.js';

/** How many of one's words in a row their copy must hold (one word may stand in another item). */
export const MIN_WORDS_IN_A_ROW = 2;

/**
 * Whether one of `theirs` (the words of each block of the rival copy) holds `count` words of
 * `seen` (the text one moved) in a row. Words are compared without the spaces between them:
 * text a link or format change splits is one word in `seen` and two in a copy.
 */
export function holdsWordsInARow(seen: string, theirs: string[][], count = MIN_WORDS_IN_A_ROW): boolean {
  const words = seen.split(/\s+/).filter((word) => word !== '');
  const texts = theirs.map((block) => block.join(''));
  for (let start = 0; start + count <= words.length; start++) {
    const run = words.slice(start, start + count).join('');
    if (texts.some((text) => text.includes(run))) return true;
  }
  return false;
}

/**
 * Whether the author of `winner`, a move of a block around one's moved block, had seen one's
 * move (`seen`: the text one moved): its copy, with where its author moved it since (`next`),
 * lacks the words one moved.
 */
export const sawOwnMove = (doc: Doc, winner: MoveNote, seen: string, next: (note: MoveNote) => MoveNote[]): boolean =>
  !holdsWordsInARow(seen, winningWords(doc, winner, next));
