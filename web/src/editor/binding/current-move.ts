/**
 * Which move holds one's copy now (issue 19): a move's copy may have been moved on since by one's
 * own later moves (a list item made a quote, a joined line carried on by Enter), or by someone
 * else's (moved-on-copy.ts), and giving way or trimming must act on the copy as it is now.
 */
import { type Item, type XmlText } from 'yjs';
import { charactersWritten } from './copy-finder.js';
import { copyMovedFirst } from './copy-moved-first.js';
import { keysAround, MAX_CHAIN } from './move-chains.js';
import type { MoveNote } from './undone-moves.js';

/** One's own move of a block, as concurrent-moves.ts keeps it. */
export interface OwnMove {
  note: MoveNote;
  /** The block's text as this editor saw it when moving it. */
  seen: string;
  /**
   * What to delete if the move loses: the new block holding the copy (and `rest`, the blocks
   * after it a split copy spans: split-copy.ts), or the copied characters.
   */
  copy: { block: Item; rest?: Item[] } | { parent: XmlText; start: number; end: number };
  /** Text Enter carried out of the block, which stays (carried-text.ts); its new block trims as a copy. */
  carried?: true;
}

/**
 * Others' moves of copies (moved-on-copy.ts): `movesOf` names the moves, by anyone, of the copy
 * the move `note` wrote; `copyIn` finds the live copy of `seen` the move `note` wrote.
 */
export interface MovedOn {
  movesOf(note: MoveNote): MoveNote[];
  copyIn(note: MoveNote, seen: string): OwnMove['copy'] | null;
}

/** The blocks a block copy spans: the new block and the ones after it a split copy took. */
export const blocksOf = (copy: { block: Item; rest?: Item[] }): Item[] => [copy.block, ...(copy.rest ?? [])];

/** Values of the "client:clock" keys naming items the move `note` wrote: moves of its copy since. */
export function laterMoves<T>(entries: Iterable<[string, T]>, note: MoveNote): T[] {
  const found: T[] = [];
  for (const [key, value] of entries) {
    const [client, clock] = key.split(':').map(Number);
    if (client === note[0] && clock! >= note[1] && clock! < note[2]) found.push(value);
  }
  return found;
}

/**
 * Whether Enter carried all the text a join glued on out of the live block it was glued onto
 * (all-actions fuzz seed 109): the join's copy is then the block Enter wrote.
 */
function isJoinCarriedOn(move: OwnMove): boolean {
  const { copy, note } = move;
  if ('block' in copy || copy.parent.doc === null || copy.parent._item?.deleted === true) return false;
  return charactersWritten(copy.parent.doc, note[0], copy.start, copy.end).size === 0;
}

/** One's moves made after `move` of the text a join glued on: keyed by its characters or the blocks around them. */
function movesOfJoined(own: Map<string, OwnMove>, move: OwnMove, parent: XmlText): OwnMove[] {
  const around = keysAround(parent).flatMap((key) => own.get(key) ?? []);
  const moves = [...laterMoves(own.entries(), move.note), ...around];
  return isJoinCarriedOn(move) ? moves.filter(({ note }) => note[1] >= move.note[2]) : around;
}

/**
 * The move whose copy is one's copy now: this one, one's own later move of its block, or
 * (with `movedOn`) someone else's later move of it, or one's own move of theirs.
 */
export function currentMove(own: Map<string, OwnMove>, move: OwnMove, movedOn?: MovedOn, depth = 0): OwnMove | null {
  const { copy } = move;
  const isCurrent = 'block' in copy ? !copy.block.deleted : copy.parent._item?.deleted !== true;
  if (isCurrent && !isJoinCarriedOn(move)) return move;
  // A join whose text nothing of one's own carried on (an undo may have written it back) stays the current move.
  const fallback = isCurrent ? move : null;
  if (depth >= MAX_CHAIN) return fallback;
  // A join's copy is characters in the block before: they moved with that block, or on by Enter.
  const later =
    'block' in copy
      ? copyMovedFirst(own, blocksOf(copy), laterMoves(own.entries(), move.note))
      : movesOfJoined(own, move, copy.parent);
  for (const next of later) {
    const current = currentMove(own, next, movedOn, depth + 1);
    if (current !== null) return current;
  }
  return fallback ?? (movedOn === undefined ? null : movedOnByOthers(own, move, movedOn, depth + 1));
}

/**
 * One's copy where others' later moves of it took it: the live copy one of them wrote (as that
 * move, with what one saw), or one's own later move of such a copy.
 */
function movedOnByOthers(own: Map<string, OwnMove>, move: OwnMove, movedOn: MovedOn, depth: number): OwnMove | null {
  if (depth >= MAX_CHAIN) return null;
  for (const note of movedOn.movesOf(move.note)) {
    const copy = movedOn.copyIn(note, move.seen);
    if (copy !== null) return { note, seen: move.seen, copy };
    for (const mine of laterMoves(own.entries(), note)) {
      const current = currentMove(own, mine, movedOn, depth + 1);
      if (current !== null) return current;
    }
    const further = movedOnByOthers(own, { ...move, note }, movedOn, depth + 1);
    if (further !== null) return further;
  }
  return null;
}
