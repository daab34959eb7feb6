/**
 * The copy a move wrote of a block, and where others' later moves took it (issue 19; used by
 * concurrent-moves.ts and current-move.ts).
 *
 * A move's copy is what its author deletes if the move loses to someone else's move of the
 * same block. Someone else may have moved that copy on since (made the list item a quote), so
 * it is deleted and no later move of one's own names it: the loser found no copy to give way
 * or trim, and the block showed twice (editing fuzz seed 167 at 48 steps: one person made a
 * line a list, another made the item a quote, the first made that a heading; a third,
 * offline, had made the line a list and written over all but its first word, which showed
 * twice). Those later moves are named by the shared notes, keyed by the ids of the blocks
 * each move wrote: followed from one's move, they lead to the live copy, or to one's own
 * later move of a copy someone else made.
 */
import type { Doc, Item, Map as YMap, XmlText } from 'yjs';
import { charactersWritten, type Copy } from './copy-finder.js';
import { laterMoves, type MovedOn, type OwnMove } from './current-move.js';
import { locateMovedCopy } from './moved-copy.js';
import { isNote } from './move-note-format.js';
import { locateSplitCopy } from './split-copy.js';
import type { MoveNote } from './undone-moves.js';

/**
 * The copy to delete: the outermost block the move created around it, or its characters. A
 * block `holdsCarried` names (the one Enter carried the rest of a line into, in the same
 * transaction) is no part of it: losing the move of a link carried along deletes the link's
 * copy only, not the line's other words (editing fuzz seed 174 at 48 steps).
 */
function copyToDelete(copy: Copy, note: MoveNote, seenLength: number, holdsCarried: IsBlock): OwnMove['copy'] {
  const isNew = (item: Item | null): item is Item =>
    item !== null &&
    item.id.client === note[0] &&
    item.id.clock >= note[1] &&
    item.id.clock < note[2] &&
    !holdsCarried(item);
  let block: Item | null = null;
  for (let item = copy.parent._item; isNew(item); item = (item.parent as XmlText)._item) block = item;
  if (block !== null) return { block };
  const clockAt = (pos: number): number => {
    const segment = copy.segments.find((seg) => pos < seg.start + seg.item.length)!;
    return segment.item.id.clock + pos - segment.start;
  };
  return { parent: copy.parent, start: clockAt(copy.found), end: clockAt(copy.found + seenLength - 1) + 1 };
}

type IsBlock = (block: Item) => boolean;

/**
 * The copy of `seen` among the live characters `written` by the move `note`, if they hold it;
 * blocks `holdsCarried` names stay out of it.
 */
export function copyWritten(
  seen: string,
  written: Set<Item>,
  note: MoveNote,
  holdsCarried: IsBlock = () => false,
): OwnMove['copy'] | null {
  const copy = locateMovedCopy(seen, written);
  if (copy !== null) return copyToDelete(copy, note, seen.length, holdsCarried);
  const [first, ...rest] = locateSplitCopy(seen, written, note) ?? [];
  return first === undefined ? null : { block: first, rest };
}

/** Others' later moves of copies, as the shared map `notes` on `doc` names them. */
export function movedOnIn(doc: Doc, notes: YMap<unknown>): MovedOn {
  return {
    movesOf: (note) => {
      const moves = laterMoves(notes.entries(), note).filter(isNote);
      return moves.filter((move, at) => moves.findIndex((other) => other.join() === move.join()) === at);
    },
    copyIn: (note, seen) => copyWritten(seen, charactersWritten(doc, note[0], note[1], note[2]), note),
  };
}
