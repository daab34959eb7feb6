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
 * nothing of that block: its words are where the later move put them, once.
 */
import { UndoManager, type Doc, type Item, type Transaction } from 'yjs';
import { keepUnmatchedWords } from './copy-reconcile.js';
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
 * move wrote) lack. Call before the undo's moves are noted; the blocks are trimmed in a
 * transaction of `origin` right after (as concurrent-moves.ts yields: the undo's own events
 * are read lazily, from the document as it is then).
 */
export function keepRevivedOnce(
  transaction: Transaction,
  moves: Array<{ key: string; move: Move }>,
  own: Map<string, Move>,
  later: Later,
  origin: unknown,
): void {
  if (!(transaction.origin instanceof UndoManager)) return;
  const revived = moves.flatMap(({ key, move }) => {
    const undone = own.get(key)?.note;
    const isRevival = undone !== undefined && undone !== move.note && 'block' in move.copy;
    return isRevival ? [{ block: (move.copy as { block: Item }).block, undone }] : [];
  });
  if (revived.length === 0) return;
  const { doc } = transaction;
  queueMicrotask(() => doc.transact(() => revived.forEach((one) => trim(doc, one, later)), origin));
}

/** `block` keeps only the words the copies of others' later moves of `undone`'s copy lack. */
function trim(doc: Doc, { block, undone }: { block: Item; undone: MoveNote }, later: Later): void {
  if (block.deleted) return;
  const movedOn = later(undone).filter(([client]) => client !== doc.clientID);
  if (movedOn.length === 0) return;
  keepUnmatchedWords(
    block,
    movedOn.flatMap((note) => winningWords(doc, note, later)),
  );
}
