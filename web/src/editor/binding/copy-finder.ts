/**
 * Finding where a collaborator's update copied some characters to (issue 19): among the
 * characters that update wrote, in one block, the run of text the mover had seen.
 */
import { ContentString, findIndexSS, getState, Item, XmlText, type AbstractType, type Doc } from 'yjs';

export interface Piece {
  /** How many of the mover's seen characters came before it. */
  at: number;
  text: string;
}

export interface Lost {
  block: XmlText;
  /** The block's characters the mover had seen, in order. */
  seen: string;
  pieces: Piece[];
  before: Map<number, number>;
  after: Map<number, number>;
}

/** Live characters `client` wrote with clocks in [start, end). */
export function charactersWritten(
  doc: Doc,
  client: number,
  start: number,
  end: number,
  into = new Set<Item>(),
): Set<Item> {
  const structs = doc.store.clients.get(client);
  // Clocks may come from others' notes (concurrent-moves.ts): only those this document has.
  if (end <= start || structs === undefined || start < 0 || start >= getState(doc.store, client)) return into;
  for (let i = findIndexSS(structs, start); i < structs.length && structs[i]!.id.clock < end; i++) {
    const struct = structs[i];
    if (struct instanceof Item && !struct.deleted && struct.content instanceof ContentString) into.add(struct);
  }
  return into;
}

/** Live characters others wrote in the transaction that deleted the block. */
function writtenBy(doc: Doc, lost: Lost): Set<Item> {
  const items = new Set<Item>();
  for (const [client, end] of lost.after) {
    if (client !== doc.clientID) charactersWritten(doc, client, lost.before.get(client) ?? 0, end, items);
  }
  return items;
}

export interface Segment {
  item: Item;
  /** Where its characters start in the joined copy text. */
  start: number;
  /** Its position in the parent (what `insert` counts). */
  index: number;
}

function segmentsOf(parent: XmlText, written: Set<Item>): { text: string; segments: Segment[] } {
  let text = '';
  let index = 0;
  const segments: Segment[] = [];
  for (let item = parent._start; item !== null; item = item.right) {
    if (written.has(item)) {
      segments.push({ item, start: text.length, index });
      text += (item.content as ContentString).str;
    }
    if (!item.deleted && item.countable) index += item.length;
  }
  return { text, segments };
}

export interface Copy {
  parent: XmlText;
  segments: Segment[];
  /** Where the copied text starts in the joined text of the segments. */
  found: number;
}

/** The block where `written` holds `seen` as one run, if any (a deleted block's is not). */
export function locateCopy(seen: string, written: Set<Item>): Copy | null {
  if (seen === '') return null;
  const parents = new Set(Array.from(written, (item) => item.parent as AbstractType<unknown>));
  for (const parent of parents) {
    if (!(parent instanceof XmlText) || parent._item?.deleted === true) continue;
    const { text, segments } = segmentsOf(parent, written);
    const found = text.indexOf(seen);
    if (found >= 0) return { parent, segments, found };
  }
  return null;
}

/** Whether placeInCopy finds the mover's copy. */
export const canPlaceInCopy = (doc: Doc, lost: Lost): boolean => locateCopy(lost.seen, writtenBy(doc, lost)) !== null;

/** Puts the pieces into the mover's copy of the block, if the copy is found. */
export function placeInCopy(doc: Doc, lost: Lost): boolean {
  const copy = locateCopy(lost.seen, writtenBy(doc, lost));
  if (copy === null) return false;
  const { parent, segments, found } = copy;
  const places = lost.pieces.map((piece) => {
    const pos = found + piece.at;
    const segment = segments.find((seg) => pos <= seg.start + seg.item.length)!;
    return { index: segment.index + pos - segment.start, text: piece.text };
  });
  for (const place of places.reverse()) parent.insert(place.index, place.text);
  return true;
}
