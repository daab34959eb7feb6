/**
 * Finding where a collaborator's update copied some characters to (issue 19): among the
 * characters that update wrote, in one block, the run of text the mover had seen.
 */
import { insertTextNodes } from '@quire/shared';
import {
  ContentString,
  findIndexSS,
  getState,
  Item,
  XmlText,
  type AbstractType,
  type Doc,
  type Transaction,
} from 'yjs';
import { placeIn, type PieceNode } from './piece-places.js';

export interface Piece {
  /** How many of the mover's seen characters came before it. */
  at: number;
  text: string;
  /** How it sat when it does not follow a seen character of its text node (piece-places.ts). */
  node?: PieceNode;
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
export function writtenBy(doc: Doc, lost: Lost): Set<Item> {
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
  const { parent } = copy;
  const places = lost.pieces.map((piece) => ({ ...placeIn(copy, piece.at, piece.node), text: piece.text }));
  for (const { index, props, text } of places.reverse()) {
    // Letters that need a text node of their own get one like the node they were typed into.
    if (props !== undefined) insertTextNodes(parent, [index], [props]);
    parent.insert(index + (props === undefined ? 0 : 1), text);
  }
  return true;
}

/** Whether characters others wrote in `transaction` (a mover's copy) hold `text` as one run. */
export function isCopiedByOthers(transaction: Transaction, text: string): boolean {
  const { doc, beforeState, afterState } = transaction;
  const written = new Set<Item>();
  for (const [client, end] of afterState) {
    if (client !== doc.clientID) charactersWritten(doc, client, beforeState.get(client) ?? 0, end, written);
  }
  return locateCopy(text, written) !== null;
}
