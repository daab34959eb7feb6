/**
 * Where a moved block's words are now (issue 19). A move deletes the block and writes a copy
 * (concurrent-moves.ts), noted under the block's id; moving the copy again (a paragraph made
 * a list item, then a paragraph again, then a list item) notes the next move under the
 * copy's id, and so on. Someone who was offline meanwhile and moved the block too knows the
 * other person's moves only through these notes. So the copy to compare with is found by
 * following the notes, from the first move to the one whose copy holds the text: the first
 * copy is long gone (its characters deleted), and so may be every copy but the last.
 *
 * A join writes its copy as characters into the block before, so no note names them when
 * that block moves: its note is keyed by the block's id, and once the block is deleted its
 * characters no longer say which block held them. The joiner knows its own copy's block;
 * for another's join, the joiner's own later moves are tried, oldest first.
 */
import type { AbstractType, Doc, XmlText } from 'yjs';
import { charactersWritten } from './copy-finder.js';
import { locateMovedCopy } from './moved-copy.js';
import { locateSplitCopy } from './split-copy.js';
import type { MoveNote } from './undone-moves.js';

/** How many moves of a copy are followed (a block toggled back and forth is moved each time). */
export const MAX_CHAIN = 8;

type NextMoves = (note: MoveNote) => MoveNote[];

/** Ids ("client:clock") of `block` and of the blocks around it, innermost first. */
export function keysAround(block: XmlText): string[] {
  const keys: string[] = [];
  for (let item = block._item; item !== null; item = (item.parent as AbstractType<unknown>)._item) {
    keys.push(`${item.id.client}:${item.id.clock}`);
  }
  return keys;
}

/** Values of notes of moves the author of `note` made after it, oldest first. */
export function movesAfter(entries: Iterable<[string, unknown]>, note: MoveNote): unknown[] {
  const isLater = (value: unknown): value is number[] =>
    Array.isArray(value) && value[0] === note[0] && typeof value[1] === 'number' && value[1] >= note[2];
  return Array.from(entries, ([, value]) => value)
    .filter(isLater)
    .sort((a, b) => a[1]! - b[1]!);
}

/**
 * The move, `note` or one of the later moves of its copy (`next` names those of a move),
 * whose written characters hold `seen` as one run in a live block; null if none does. A
 * move whose characters are all gone and which `next` names no later move of is followed
 * to its author's later moves (`after`), once.
 */
export function moveHolding(
  doc: Doc,
  note: MoveNote,
  seen: string,
  next: NextMoves,
  after?: NextMoves,
  depth = 0,
): MoveNote | null {
  const written = charactersWritten(doc, note[0], note[1], note[2]);
  if (locateMovedCopy(seen, written) !== null || locateSplitCopy(seen, written, note) !== null) return note;
  if (depth >= MAX_CHAIN) return null;
  let later = next(note);
  if (later.length === 0 && written.size === 0 && after !== undefined) later = after(note);
  for (const move of later) {
    const holder = moveHolding(doc, move, seen, next, undefined, depth + 1);
    if (holder !== null) return holder;
  }
  return null;
}

/** The clocks of the characters `note` wrote that hold `seen` as one run, and their block. */
export function runHolding(
  doc: Doc,
  note: MoveNote,
  seen: string,
): { parent: XmlText; start: number; end: number } | null {
  const copy = locateMovedCopy(seen, charactersWritten(doc, note[0], note[1], note[2]));
  if (copy === null) return null;
  const clockAt = (pos: number): number => {
    const segment = copy.segments.find((seg) => pos < seg.start + seg.item.length)!;
    return segment.item.id.clock + pos - segment.start;
  };
  return { parent: copy.parent, start: clockAt(copy.found), end: clockAt(copy.found + seen.length - 1) + 1 };
}
