/**
 * Whether a move note that replaced one's own was written at the same time, or after its
 * author saw one's note (issue 19; used by concurrent-moves.ts). Only a note written at the
 * same time names a move that competed with one's own. A block that stays where it is can be
 * moved again later under the same key: text carried out of it by Enter (carried-text.ts) is
 * a move of the block, and the block may then be moved by someone who saw that. That later
 * note is no loss for the earlier move; taken as one, the earlier copy gave way to a copy
 * that never held its words, or deleted words that merely repeat the later copy's.
 *
 * A Y.Map entry's item names, as its origin, the entry it replaced when written: following
 * those origins from the note that stands tells whether its writer had one's note.
 */
import { getItem, Item, type ID, type Map as YMap } from 'yjs';

/** How many earlier notes of one key are followed; beyond, the writer is taken to have seen one's note. */
const MAX_REPLACED = 256;

/** The item holding the entry `key` of `map` now (after `set`, the one just written). */
export function entryItem(map: YMap<unknown>, key: string): Item | null {
  return map._map.get(key) ?? null;
}

/** Whether `id` names `mine` or a later entry by its writer (entries of one key by one writer come in order). */
const isMineOrLater = (id: ID, mine: Item): boolean => id.client === mine.id.client && id.clock >= mine.id.clock;

/** Whether the entry of `key` in `map` now was written by someone who had `mine` (an earlier entry's item). */
export function wasWrittenAfter(map: YMap<unknown>, key: string, mine: Item): boolean {
  const store = map.doc?.store;
  let origin = entryItem(map, key)?.origin ?? null;
  for (let step = 0; store !== undefined && origin !== null; step++) {
    if (step >= MAX_REPLACED || isMineOrLater(origin, mine)) return true;
    const replaced = getItem(store, origin);
    origin = replaced instanceof Item ? replaced.origin : null;
  }
  return false;
}

/**
 * Of `keys` (changed notes), those whose own note (`open`: key → its entry) was outdone by a
 * note written at the same time: one's move lost, and its note leaves `open`. A note replaced
 * by one written after it stays open: one's carried text may still give way to a move of the
 * list around its block (carried-away.ts). A note without its entry (a block move: its block is
 * gone, so no one moves it later) loses to any. `isOwn` tells one's client ids (one's earlier
 * ones too: remembered-moves.ts).
 */
export function settleOutdone(
  notes: YMap<unknown>,
  keys: Iterable<string>,
  open: Map<string, Item | null>,
  isOwn: (client: number) => boolean,
): string[] {
  const lost: string[] = [];
  for (const key of keys) {
    const note = notes.get(key);
    if (!open.has(key) || (Array.isArray(note) && isOwn(note[0] as number))) continue;
    const mine = open.get(key) ?? null;
    if (mine !== null && wasWrittenAfter(notes, key, mine)) continue;
    open.delete(key);
    lost.push(key);
  }
  return lost;
}
