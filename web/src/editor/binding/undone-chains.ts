/**
 * One undo taking back several moves of a block at once (issue 19; used by concurrent-moves.ts).
 * Edits made in quick succession are one undo step: a paragraph made a list item and then a
 * quote comes back as the paragraph, and undone-moves.ts notes the paragraph as where the
 * first move (of the paragraph) lands. The second move, of the list item the first one made,
 * was taken back too, but its note still named the quote the undo deleted: a collaborator who
 * moved the list item meanwhile found no copy of it (winner or own) and kept theirs whole
 * beside the paragraph, every word twice. Here each move of a block an undone move wrote, whose
 * copy the undo deleted, lands where that undone move's block came back.
 */
import type { MoveNote } from './undone-moves.js';

/** Whether the move `note` wrote the item `key` ("client:clock") names. */
function wrote([client, start, end]: MoveNote, key: string): boolean {
  const [keyClient, clock] = key.split(':').map(Number);
  return keyClient === client && clock! >= start && clock! < end;
}

/**
 * The own moves (of `own`, by block key) made from a block one of the `revived` moves wrote,
 * or from one those wrote in turn, that the undo took back (`isTakenBack`): each now lands
 * where the revived move's block came back.
 */
export function chainedRevivals<Move extends { note: MoveNote; seen: string }>(
  own: Map<string, Move>,
  revived: Array<{ key: string; move: Move }>,
  isTakenBack: (move: Move) => boolean,
): Array<{ key: string; move: Move }> {
  const found: Array<{ key: string; move: Move }> = [];
  const done = new Set(revived.map(({ key }) => key));
  for (const { key, move } of revived) {
    const undone = [own.get(key)!.note];
    for (let i = 0; i < undone.length; i++) {
      for (const [next, nextMove] of own) {
        if (done.has(next) || !wrote(undone[i]!, next) || !isTakenBack(nextMove)) continue;
        done.add(next);
        undone.push(nextMove.note);
        found.push({ key: next, move: { ...move, seen: nextMove.seen } });
      }
    }
  }
  return found;
}
