/**
 * Text one's Enter carried out of a block one then moved oneself (issue 19, editing fuzz seed
 * 2 at 48 steps, all actions): Enter before a word, then the block made a numbered list. Both
 * are noted under the block's id (carried-text.ts, concurrent-moves.ts), so the move's note
 * replaced the Enter's. When someone else's move of that block, made meanwhile (a bulleted
 * list, offline), wins, only the list copy gave way: the carried text stayed in the new block
 * and in the winner's copy too, twice. The replaced carried moves are kept here, by the
 * block's key, and give way with the move that replaced them.
 */

interface CarriedLike {
  seen: string;
  carried?: true;
}

/** Carried moves replaced by a later own move of the same block, by the block's key. */
export class CarriedBeforeMove<T extends CarriedLike> {
  private readonly replaced = new Map<string, T[]>();

  /** `onKept`: told the carried moves kept for a block each time one is added (carried-then-moved.ts shares them). */
  constructor(private readonly onKept?: (key: string, moves: T[]) => void) {}

  /** `next` replaces `previous` under `key`: a carried previous is kept (at most a few). */
  note(key: string, previous: T | undefined, next: T): void {
    if (previous === undefined || previous === next || previous.carried !== true) return;
    const list = [...(this.replaced.get(key) ?? []), previous].slice(-MAX_KEPT);
    this.replaced.set(key, list);
    this.onKept?.(key, list);
  }

  /** The move under `key` lost: each kept carried copy whose text the winner holds goes (`remove`). */
  yieldTo(key: string, isHeld: (seen: string) => boolean, remove: (move: T) => void): void {
    for (const move of this.replaced.get(key) ?? []) if (isHeld(move.seen)) remove(move);
    this.replaced.delete(key);
  }

  delete(key: string): void {
    this.replaced.delete(key);
  }
}

/** Carried moves kept per block: Enter pressed several times before the move. */
const MAX_KEPT = 8;
