/**
 * Text one's Enter carried out of a list item whose list someone else moved at the same
 * moment (made it a quote; issue 19, fuzz seed 13 at 48 steps; used by concurrent-moves.ts).
 * Their note names the list, one's carried note the item (carried-text.ts), so the two never
 * meet under one key. When the carried text stayed in the list, the list's deletion takes it
 * and the rescue leaves it (carried-text.ts isCarriedCopy); a paste that carried it on into
 * a paragraph after the list left it there, beside the mover's copy: it showed twice.
 *
 * The mover of the list held every word one carried out of its items: their move wins, and
 * one's carried move gives way to it as to a rival note of its own block. So does one's move of
 * a block inside theirs (an item made a quote, found by the fuzz too), when their copy holds it. Which blocks were
 * around the item is known from when one carried the text (carried-away.ts): one's own later
 * move of the list (Backspace at its start) deleted the list, which is then garbage collected.
 */
import type { Doc, Map as YMap } from 'yjs';

/**
 * Of `keys` (changed notes by others), pairs [one's carried key, the rival's key] where the
 * rival moved a block around the block one's carried note names (`open`: one's open notes;
 * `within` gives the keys around the block of one of one's moves, null for none;
 * paired keys leave `open`).
 */
export function carriedOutOfMoved(
  doc: Doc,
  notes: YMap<unknown>,
  keys: Iterable<string>,
  open: Map<string, unknown>,
  within: (key: string) => string[] | null,
): Array<[own: string, winner: string]> {
  const pairs: Array<[string, string]> = [];
  const openMoves = [...open.keys()].filter((key) => within(key) !== null);
  for (const key of keys) {
    const note = notes.get(key);
    if (!Array.isArray(note) || note[0] === doc.clientID) continue;
    for (const own of openMoves) {
      if (!open.has(own) || !within(own)!.includes(key)) continue;
      open.delete(own);
      pairs.push([own, key]);
    }
  }
  return pairs;
}
