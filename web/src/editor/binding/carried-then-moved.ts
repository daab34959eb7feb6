/**
 * Text one's Enter carried out of a block one then moved oneself, when one's move wins over
 * someone else's move of the block made meanwhile (issue 19, editing fuzz seed 2 at 48 steps,
 * all actions; the mirror of carried-before-move.ts). Ada pressed Enter before a word and made
 * the line a numbered list; Grace, offline, made it a bulleted list. Ada's list note replaced
 * her Enter's under the block's id, so when Grace's copy gave way to the winning note, the
 * words Ada's Enter carried into the new line were not among the winner's: Grace's copy kept
 * them, and they showed in both lines.
 *
 * So when one's move replaces one's carried note of the same block, the carried note is
 * shared too (map `quireCarriedBefore`: block id → the carried notes), and a copy giving way
 * to that block's winning note counts the words of those carried copies as the winner's.
 */
import type { Doc, Map as YMap } from 'yjs';
import { isNote } from './move-note-format.js';
import type { MoveNote } from './undone-moves.js';

/** The top-level map: block id → [client, start, end] of each carried move its mover then replaced. */
export const CARRIED_BEFORE_TYPE = 'quireCarriedBefore';

/** Carried notes read per block. */
const MAX_READ = 8;

/** Keys kept before the entries whose move note is gone are dropped. */
const MAX_KEYS = 1000;

const plain = ([client, start, end]: MoveNote): [number, number, number] => [client, start, end];

/**
 * What notes, in one's own transaction, that one's carried moves (`kept`) of the block `key`
 * were replaced by one's later move of it; `moves` is the map of move notes (an entry whose
 * block has no note left there is dropped once there are many).
 */
export const carriedSharer =
  (doc: Doc, moves: YMap<unknown>) =>
  (key: string, kept: Array<{ note: MoveNote }>): void => {
    const shared = doc.getMap<unknown>(CARRIED_BEFORE_TYPE);
    shared.set(
      key,
      kept.map(({ note }) => plain(note)),
    );
    if (shared.size <= MAX_KEYS) return;
    for (const old of Array.from(shared.keys())) if (!moves.has(old)) shared.delete(old);
  };

/** The carried notes of the block `key` that the author of `winner` replaced by a move (theirs only). */
export function carriedBefore(doc: Doc, key: string, winner: MoveNote): MoveNote[] {
  const value: unknown = doc.getMap<unknown>(CARRIED_BEFORE_TYPE).get(key);
  if (!Array.isArray(value)) return [];
  // Anyone can write the map: a few notes are read, as many as one's own editor keeps (carried-before-move.ts).
  return value
    .slice(-MAX_READ)
    .filter((note): note is MoveNote => isNote(note) && note[0] === winner[0] && note[2] <= winner[1]);
}
