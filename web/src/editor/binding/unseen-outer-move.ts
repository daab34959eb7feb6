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
import { Item, type Doc, type ID } from 'yjs';
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

/**
 * Whether the author of `winner` had seen one's move `own` for sure: an item the winner wrote
 * sits against one written by one's move or later (its origin or right origin), which its author
 * could only place having seen it. Enter carried a link out of a line and the line was then made
 * a list item by someone who saw the Enter: the link's one word ("w00") stood in the list's
 * text by chance ("w0001hq"), so the words test above took the later move for a rival, and
 * the link's copy, found among the carried characters by its text, lost those (fuzz seed 229).
 */
export function placedAfterOwnMove(doc: Doc, winner: MoveNote, own: MoveNote): boolean {
  const [client, start, end] = winner;
  const isOwnOrLater = (id: ID | null): boolean => id !== null && id.client === own[0] && id.clock >= own[1];
  for (const item of doc.store.clients.get(client) ?? []) {
    if (item.id.clock + item.length <= start || item.id.clock >= end || !(item instanceof Item)) continue;
    if (isOwnOrLater(item.origin) || isOwnOrLater(item.rightOrigin)) return true;
  }
  return false;
}
