/**
 * Which of one's later moves to follow from a moved block's copy (issue 19, fuzz seed 32 at 48
 * steps; used by concurrent-moves.ts). One move can write several blocks: a Word paste in a list
 * item writes the pasted paragraph and a new list holding the items after the caret. When a
 * later move of one's own moved them all again (the paragraph made a list item joins the lists
 * around it), each block it moved has its own note, all with one clock range. Following the
 * first of them led from the list's copy to the paragraph's: the list's copy was never found,
 * and when someone else's move of an item in it won, the item showed twice.
 */
import type { Item } from 'yjs';

/** `later` (moves of blocks the move wrote), those keyed by the copy's own blocks first. */
export function copyMovedFirst<T extends object>(own: Map<string, T>, copyBlocks: Item[], later: T[]): T[] {
  const ofCopy = copyBlocks.flatMap((block) => own.get(`${block.id.client}:${block.id.clock}`) ?? []);
  return [...ofCopy, ...later.filter((move) => !ofCopy.includes(move))];
}
