import * as Y from 'yjs';
import { MAX_DELETED_STEPS, type Struct } from './struct-lookup.js';

/** What `isBeforeCharacters` needs from the check: lookups in the document and the update. */
export interface NodeNeighbours {
  find(id: Y.ID): Struct | undefined;
  /** Whether the update deletes `item` (or it is deleted already). */
  isGone(item: Y.Item): boolean;
  /** The update's new items that stay, by the client of their left origin, in its clock's order. */
  landing: Map<number, Y.Item[]>;
}

/** Indexes the update's new items that stay by the client of their left origin (`landing`). */
export function landingIndex(items: Y.Item[], isGone: (item: Y.Item) => boolean): Map<number, Y.Item[]> {
  const index = new Map<number, Y.Item[]>();
  for (const item of items) {
    if (item.origin === null || item.parentSub !== null || isGone(item)) continue;
    const list = index.get(item.origin.client) ?? [];
    list.push(item);
    index.set(item.origin.client, list);
  }
  for (const list of index.values()) list.sort((a, b) => a.origin!.clock - b.origin!.clock);
  return index;
}

/** Clocks `from` to `to` (excluded) of one client's. */
interface Span {
  client: number;
  from: number;
  to: number;
}

/** The update's items whose left origin lies in `span` (binary search: a paste brings many). */
function* landingIn(landing: Map<number, Y.Item[]>, span: Span): Generator<Y.Item> {
  const list = landing.get(span.client) ?? [];
  let [low, high] = [0, list.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle]!.origin!.clock < span.from) low = middle + 1;
    else high = middle;
  }
  for (let index = low; index < list.length && list[index]!.origin!.clock < span.to; index++) yield list[index]!;
}

const spanOf = (item: Y.Item, from = item.id.clock): Span => ({
  client: item.id.client,
  from,
  to: item.id.clock + item.length,
});

const isIn = (id: Y.ID | null, span: Span): boolean =>
  id !== null && id.client === span.client && id.clock >= span.from && id.clock < span.to;

/**
 * Whether the first item that stays right of the new node `item`, once the update is in, is
 * characters. Right of where the update puts it come deleted items, then the first that
 * stays; the update itself may put something between, stated by both its origins (undo
 * writes a picture back in front of letters someone typed after it, and a text node start
 * in front of them in the same update: fuzz seed 213).
 */
export function isBeforeCharacters(item: Y.Item, { find, isGone, landing }: NodeNeighbours): boolean {
  const passed: Span[] = [spanOf(item)];
  let right = item.rightOrigin && find(item.rightOrigin);
  let stays: Y.Item | null = null;
  for (let steps = 0; right instanceof Y.Item && steps < MAX_DELETED_STEPS; steps++, right = right.right) {
    if (!isGone(right)) {
      stays = right;
      break;
    }
    // The first deleted item may be a run Yjs merged: only what lies right of the node counts.
    passed.push(spanOf(right, steps === 0 ? item.rightOrigin!.clock : right.id.clock));
  }
  const ends = stays === null ? passed : [...passed, spanOf(stays)];
  for (const [index, span] of passed.entries()) {
    const between = [...landingIn(landing, span)].find(({ rightOrigin }) =>
      ends.slice(index).some((end) => isIn(rightOrigin, end)),
    );
    if (between !== undefined) return between.content instanceof Y.ContentString;
  }
  return stays !== null && stays.content instanceof Y.ContentString;
}
