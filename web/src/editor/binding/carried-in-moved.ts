/**
 * Text one's Enter carried out of a list item whose list someone else moved at the same
 * moment (made it a quote; issue 19, fuzz seed 13 at 48 steps; used by concurrent-moves.ts).
 * Their note names the list, one's carried note the item (carried-text.ts), so the two never
 * meet under one key. When the carried text stayed in the list, the list's deletion takes it
 * and the rescue leaves it (carried-text.ts isCarriedCopy); a paste that carried it on into
 * a paragraph after the list left it there, beside the mover's copy: it showed twice.
 *
 * The mover of the list held every word one carried out of its items: their move wins, and
 * one's carried move gives way to it as to a rival note of its own block.
 */
import { ContentType, getItem, Item, XmlText, type Doc, type Map as YMap } from 'yjs';

/** The item `key` ("client:clock") names in `doc`, if any. */
function itemOf(doc: Doc, key: string): Item | null {
  const [client, clock] = key.split(':').map(Number);
  if (!Number.isInteger(client) || !Number.isInteger(clock)) return null;
  try {
    const item = getItem(doc.store, { client: client!, clock: clock! });
    return item instanceof Item ? item : null;
  } catch {
    return null;
  }
}

/**
 * Of `keys` (changed notes by others), pairs [one's carried key, the rival's key] where the
 * rival moved the block holding the block one's carried note names (`open`: one's open
 * notes, `isCarried` tells the carried ones; paired keys leave `open`).
 */
export function carriedOutOfMoved(
  doc: Doc,
  notes: YMap<unknown>,
  keys: Iterable<string>,
  open: Map<string, unknown>,
  isCarried: (key: string) => boolean,
): Array<[own: string, winner: string]> {
  const pairs: Array<[string, string]> = [];
  const openCarried = [...open.keys()].filter(isCarried);
  for (const key of keys) {
    const note = notes.get(key);
    if (!Array.isArray(note) || note[0] === doc.clientID) continue;
    const moved = itemOf(doc, key);
    if (moved === null || !(moved.content instanceof ContentType) || !(moved.content.type instanceof XmlText)) continue;
    for (const own of openCarried) {
      if (!open.has(own) || itemOf(doc, own)?.parent !== moved.content.type) continue;
      open.delete(own);
      pairs.push([own, key]);
    }
  }
  return pairs;
}
