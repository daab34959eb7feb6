/**
 * Where a moved block's words are now (issue 19). A move deletes the block and writes a copy
 * (concurrent-moves.ts), noted under the block's id; moving the copy again (a paragraph made
 * a list item, then a paragraph again, then a list item) notes the next move under the
 * copy's id, and so on. Someone who was offline meanwhile and moved the block too knows the
 * other person's moves only through these notes. So the copy to compare with is found by
 * following the notes, from the first move to the one whose copy holds the text: the first
 * copy is long gone (its characters deleted), and so may be every copy but the last.
 */
import type { Doc } from 'yjs';
import { charactersWritten, locateCopy } from './copy-finder.js';
import type { MoveNote } from './undone-moves.js';

/** How many moves of a copy are followed (a block toggled back and forth is moved each time). */
export const MAX_CHAIN = 8;

/**
 * The move, `note` or one of the later moves of its copy (`next` names those of a move),
 * whose written characters hold `seen` as one run in a live block; null if none does.
 */
export function moveHolding(
  doc: Doc,
  note: MoveNote,
  seen: string,
  next: (note: MoveNote) => MoveNote[],
  depth = 0,
): MoveNote | null {
  if (locateCopy(seen, charactersWritten(doc, note[0], note[1], note[2])) !== null) return note;
  if (depth >= MAX_CHAIN) return null;
  for (const later of next(note)) {
    const holder = moveHolding(doc, later, seen, next, depth + 1);
    if (holder !== null) return holder;
  }
  return null;
}
