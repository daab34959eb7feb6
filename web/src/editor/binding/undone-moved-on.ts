/**
 * Undoing one's move of a block that a collaborator has moved again since (issue 19; used by
 * concurrent-moves.ts; editing fuzz seed 17 with every action). One person makes a code block
 * a list: the code block is deleted and the list is a copy. Another, who has received that,
 * makes the list a paragraph: the list is deleted in turn and the paragraph is their copy.
 * The first person's undo then brings the code block back (Yjs revives what the undone step
 * deleted) and deletes their list, which is already gone: the paragraph stays, and the
 * block's words showed twice.
 *
 * Here a block an undo brings back keeps only the words that the copies of the moves made
 * since of the undone move's copy, by others (followed through their notes: move-chains.ts),
 * lack (copy-reconcile.ts); holding none of its own, it goes whole. The undo then changes
 * nothing of that block: its words are where the later move put them, once. The others' moves
 * are found through one's own later moves of the copy too (seed 96: the list item's text was
 * carried into a new item by one's Enter at its start before another made that a quote).
 */
import { UndoManager, type Doc, type Item, type Transaction } from 'yjs';
import { keepUnmatchedWords } from './copy-reconcile.js';
import { MAX_CHAIN } from './move-chains.js';
import { winningWords, type MoveNote } from './undone-moves.js';

type Later = (note: MoveNote) => MoveNote[];

/** A move as concurrent-moves.ts keeps it: its note, and its copy (a block, or characters). */
interface Move {
  note: MoveNote;
  copy: { block: Item } | object;
}

/**
 * After an undo, each block it brought back (`moves` then lands there; `own` still holds
 * the move the undo took back, by the same key) keeps only the words the copies of the moves
 * made since of that move's copy by other clients (`later` names the moves of the copy a
 * move wrote) lack. `noteMoves` writes the notes of the transaction's moves, in a transaction
 * of `origin`: at once, or, when a block must be trimmed, right after (as concurrent-moves.ts
 * yields: the undo's own events are read lazily, from the document as it is then), in the
 * trim's transaction, after the trim: a collaborator whose move the block's words went to
 * then meets the notes with the trim, and sees that the undo's copy lacks them
 * (unseen-outer-move.ts) instead of giving way to it too (both trimmed: the words were lost).
 */
export function keepRevivedOnce(
  transaction: Transaction,
  moves: Array<{ key: string; move: Move }>,
  own: Map<string, Move>,
  later: Later,
  origin: unknown,
  noteMoves: () => void,
): void {
  const { doc } = transaction;
  const revived = revivalsToTrim(transaction, moves, own, later);
  if (revived.length === 0) {
    doc.transact(noteMoves, origin);
    return;
  }
  const trimThenNote = (): void => {
    revived.forEach((one) => trim(doc, one, later));
    noteMoves();
  };
  queueMicrotask(() => doc.transact(trimThenNote, origin));
}

/** The blocks an undo brought back whose undone move's copy others moved on since, with those moves. */
function revivalsToTrim(
  transaction: Transaction,
  moves: Array<{ key: string; move: Move }>,
  own: Map<string, Move>,
  later: Later,
): Array<{ block: Item; movedOn: MoveNote[] }> {
  if (!(transaction.origin instanceof UndoManager)) return [];
  const { doc } = transaction;
  return moves.flatMap(({ key, move }) => {
    const undone = own.get(key)?.note;
    const isRevival = undone !== undefined && undone !== move.note && 'block' in move.copy;
    const movedOn = isRevival ? movedOnByOthers(doc, undone, later) : [];
    return movedOn.length > 0 ? [{ block: (move.copy as { block: Item }).block, movedOn }] : [];
  });
}

/**
 * Others' later moves of `note`'s copy, and of the copies one's own later moves of it made
 * (an Enter at the start of a list item carries its text into a new item: carried-text.ts).
 */
function movedOnByOthers(doc: Doc, note: MoveNote, later: Later, depth = 0): MoveNote[] {
  return later(note).flatMap((next) => {
    if (next[0] !== doc.clientID) return [next];
    return depth < MAX_CHAIN ? movedOnByOthers(doc, next, later, depth + 1) : [];
  });
}

/** `block` keeps only the words the copies of `movedOn` (others' later moves) lack. */
function trim(doc: Doc, { block, movedOn }: { block: Item; movedOn: MoveNote[] }, later: Later): void {
  if (block.deleted) return;
  keepUnmatchedWords(
    block,
    movedOn.flatMap((note) => winningWords(doc, note, later)),
  );
}
