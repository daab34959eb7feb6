/**
 * Text that Enter, or a paste of several paragraphs, carries out of a block (issue 19, fuzz
 * seed 13 at 48 steps; used by concurrent-moves.ts). The text after the caret goes into a
 * new block: Yjs sees its characters deleted from the block, which stays, and written again
 * into the new one. Someone who moved the block at the same moment (made it a list item, a
 * quote) copied those characters into their copy, so the text showed twice: in the new
 * block and in the mover's copy.
 *
 * Such a split is a move of the carried text, noted under the block's id like any move of
 * the block: two notes of one block made at once settle which stays, and the copy that lost
 * keeps only what the winner lacks. The copy here is the carried characters, not the new
 * block (a paste writes its own text there too).
 */
import {
  ContentString,
  ContentType,
  createID,
  findIndexSS,
  isDeleted,
  Item,
  XmlText,
  type AbstractType,
  type Doc,
  type Transaction,
} from 'yjs';
import { isCopiedByOthers } from './copy-finder.js';
import { deletedItems, movedBlocks } from './moved-blocks.js';
import type { MoveNote } from './undone-moves.js';

/** One carried run: the block it left (its id is the note's key), the text, and its copy's clocks. */
export interface Carried {
  key: string;
  seen: string;
  copy: { parent: XmlText; start: number; end: number };
}

const wrote = (item: Item | null, note: MoveNote): item is Item =>
  item !== null && item.id.client === note[0] && item.id.clock >= note[1] && item.id.clock < note[2];

/** Live blocks (not themselves deleted) holding characters the transaction deleted. */
function blocksLosingText(transaction: Transaction): Set<XmlText> {
  const blocks = new Set<XmlText>();
  for (const item of deletedItems(transaction)) {
    if (!(item.content instanceof ContentString)) continue;
    const parent = item.parent as AbstractType<unknown>;
    if (parent instanceof XmlText && parent._item?.deleted === false) blocks.add(parent);
  }
  return blocks;
}

/**
 * The characters of `block` the transaction deleted at its end, after its last live
 * character or element (what Enter takes away after the caret); '' if none. What the
 * transaction wrote there itself (a paste's first paragraph) does not count as live.
 */
function deletedEnd(block: XmlText, transaction: Transaction, note: MoveNote): string {
  let run = '';
  for (let item = block._start; item !== null; item = item.right) {
    if (item.content instanceof ContentString && isDeleted(transaction.deleteSet, item.id)) run += item.content.str;
    else if (!item.deleted && item.countable && !wrote(item, note)) run = '';
  }
  return run;
}

/** Whether `inner` is `block` or inside it. */
function isWithin(inner: XmlText, block: XmlText): boolean {
  let type: unknown = inner;
  while (type instanceof XmlText) {
    if (type === block) return true;
    type = type._item?.parent ?? null;
  }
  return false;
}

/** Blocks `note` wrote whose parent it did not write: where a split puts the carried text. */
function newBlocks(transaction: Transaction, note: MoveNote): XmlText[] {
  const structs = transaction.doc.store.clients.get(note[0]) ?? [];
  const blocks: XmlText[] = [];
  for (let i = findIndexSS(structs, note[1]); i < structs.length && structs[i]!.id.clock < note[2]; i++) {
    const struct = structs[i];
    if (!(struct instanceof Item) || struct.deleted || !(struct.content instanceof ContentType)) continue;
    const parent = struct.parent as AbstractType<unknown>;
    if (struct.content.type instanceof XmlText && !wrote(parent._item, note)) blocks.push(struct.content.type);
  }
  return blocks;
}

/** The characters `note` wrote directly in `block`, as text with their items, in order. */
function writtenIn(block: XmlText, note: MoveNote): Array<{ item: Item; text: string }> {
  const found: Array<{ item: Item; text: string }> = [];
  for (let item = block._start; item !== null; item = item.right) {
    if (!item.deleted && item.content instanceof ContentString && wrote(item, note)) {
      found.push({ item, text: item.content.str });
    }
  }
  return found;
}

/** The longest end of `run` that the characters `note` wrote in `block` end with, as a copy. */
function endCopy(run: string, block: XmlText, note: MoveNote): Carried['copy'] & { length: number } {
  const written = writtenIn(block, note);
  const text = written.map((part) => part.text).join('');
  let length = 0;
  while (
    length < Math.min(run.length, text.length) &&
    run[run.length - 1 - length] === text[text.length - 1 - length]
  ) {
    length++;
  }
  // The copy is named by its clocks: the first character's, to the last's plus one.
  let [start, at, isInOrder] = [-1, text.length - length, true];
  for (const { item, text: part } of written) {
    if (start >= 0 && item.id.clock < start) isInOrder = false;
    if (start < 0 && at < part.length) start = item.id.clock + Math.max(at, 0);
    at -= part.length;
  }
  const last = written[written.length - 1];
  const end = last === undefined ? 0 : last.item.id.clock + last.text.length;
  // Characters written out of order would fall inside the range though not carried: no copy.
  return { parent: block, start, end, length: isInOrder ? length : 0 };
}

/**
 * Whether the end of the copy's block is the text of a block the same transaction deleted
 * whole, at least as long as the copy: that block's copy, not text carried out of another. A
 * paste over a selection from one list item into the next deletes the selected end of the
 * first and moves the second's rest into the new block; the selected end ("w0020kq ") and that
 * rest ("... w0013nq ") end alike by chance ("q "), which was taken for carried text and
 * deleted when a later move of the list won (editing fuzz, seed 167 at 48 steps).
 */
function isMovedBlocksEnd(copy: Carried['copy'] & { length: number }, moved: string[], note: MoveNote): boolean {
  return moved.some((seen) => endCopy(seen, copy.parent, note).length >= copy.length);
}

/**
 * The text a local transaction (`note`: its writes) carried from the end of blocks into the
 * new blocks it wrote: the longest end of a block's deleted text that a new block's text
 * ends with (Enter writes just that; a paste writes its last paragraph before it).
 */
export function carriedText(transaction: Transaction, note: MoveNote): Carried[] {
  const targets = newBlocks(transaction, note);
  if (targets.length === 0) return [];
  const found: Carried[] = [];
  const moved = movedBlocks(transaction).map(({ seen }) => seen);
  for (const block of blocksLosingText(transaction)) {
    const run = deletedEnd(block, transaction, note);
    const copies = targets.filter((target) => !isWithin(target, block)).map((target) => endCopy(run, target, note));
    const best = copies.reduce((a, b) => (b.length > a.length ? b : a), { length: 0 } as (typeof copies)[number]);
    if (best.length === 0 || isMovedBlocksEnd(best, moved, note)) continue;
    const { id } = block._item!;
    const { parent, start, end } = best;
    found.push({
      key: `${id.client}:${id.clock}`,
      seen: run.slice(run.length - best.length),
      copy: { parent, start, end },
    });
  }
  return found;
}

/** How many of one's carried copies are remembered for the rescue (the newest). */
const MAX_REMEMBERED = 1000;

/** One's carried copies this session, by document: the block's key → the copy's clocks, block's key and text. */
type Remembered = [start: number, end: number, parent: string, seen: string];
const remembered = new WeakMap<Doc, Map<string, Remembered>>();

const keyOf = (type: XmlText): string => (type._item === null ? '' : `${type._item.id.client}:${type._item.id.clock}`);

function remember(doc: Doc, carried: Carried[]): void {
  const copies = remembered.get(doc) ?? new Map<string, Remembered>();
  remembered.set(doc, copies);
  for (const { key, seen, copy } of carried) {
    copies.delete(key);
    copies.set(key, [copy.start, copy.end, keyOf(copy.parent), seen]);
  }
  for (const key of copies.keys()) {
    if (copies.size <= MAX_REMEMBERED) break;
    copies.delete(key);
  }
}

/** The moves to note for the text a local transaction carried (concurrent-moves.ts). */
export function carriedMoves(transaction: Transaction, note: MoveNote) {
  const carried = carriedText(transaction, note);
  if (carried.length > 0) remember(transaction.doc, carried);
  return carried.map(({ key, seen, copy }) => ({ key, move: { note, seen, copy, carried: true as const } }));
}

/**
 * Whether one's own `item`, in a block a remote `transaction` deleted, is text one's Enter
 * carried out of a block that transaction deleted too (a list item, with the list someone
 * moved): the remote author's copy of that block holds it, so it is not one's unseen typing.
 * Known for copies made since the editor opened (after a reload such text shows twice).
 */
export function isCarriedCopy(item: Item, transaction: Transaction): boolean {
  const { doc } = transaction;
  const copies = remembered.get(doc);
  if (copies === undefined || item.id.client !== doc.clientID) return false;
  const { clock } = item.id;
  for (const [key, [start, end]] of copies) {
    if (clock >= start && clock < end && isCarriedFrom(key, copies, transaction)) return true;
  }
  return false;
}

/**
 * Whether the block `key` names, or one whose carried text went into it (a paste carried
 * on out of the block Enter made, fuzz seed 13 at 48 steps), is deleted by `transaction`,
 * whose author's copy holds the carried text. Text one had joined onto the block unseen
 * before carrying it on is not in their copy (fuzz seed 142 at 48 steps).
 */
function isCarriedFrom(key: string, copies: Map<string, Remembered>, transaction: Transaction, depth = 0): boolean {
  const [client, keyClock] = key.split(':').map(Number);
  if (isDeleted(transaction.deleteSet, createID(client!, keyClock!))) {
    return isCopiedByOthers(transaction, copies.get(key)?.[3] ?? '');
  }
  if (depth >= MAX_CARRIED_ON) return false;
  for (const [earlier, [, , parent]] of copies) {
    if (parent === key && isCarriedFrom(earlier, copies, transaction, depth + 1)) return true;
  }
  return false;
}

/** How many times carried text is followed as it is carried on (Enter pressed again in the new block). */
const MAX_CARRIED_ON = 8;

interface CarriedMove {
  note: MoveNote;
  seen: string;
  copy: { block: Item } | { parent: XmlText; start: number; end: number };
  carried?: true;
}

/**
 * One's carried `move` lost to a copy that holds its text (concurrent-moves.ts): the text
 * may have been carried on since, out of the new block by another Enter or paste (fuzz seed
 * 13, 48 steps), where deleting the first copy's characters misses it. Each such later
 * carry out of the new block whose text the winner holds (`isHeld`) goes too (`remove`).
 */
export function yieldCarriedOn<T extends CarriedMove>(
  own: Map<string, T>,
  move: T,
  isHeld: (seen: string) => boolean,
  remove: (copy: T['copy']) => void,
  depth = 0,
): void {
  const { copy } = move;
  if (move.carried !== true || !('parent' in copy) || depth >= MAX_CARRIED_ON) return;
  const item = copy.parent._item;
  const next = item === null ? undefined : own.get(`${item.id.client}:${item.id.clock}`);
  if (next?.carried !== true || next.note[1] < move.note[2] || !isHeld(next.seen)) return;
  remove(next.copy);
  yieldCarriedOn(own, next, isHeld, remove, depth + 1);
}
