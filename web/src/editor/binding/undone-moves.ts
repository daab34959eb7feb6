/**
 * Moves undone, and the copies a winning move left (issue 19; used by concurrent-moves.ts).
 *
 * Undoing one's move of a block deletes the moved copy and brings the block back, as Yjs
 * brings back anything: as a new item (the old one records it as `redone`). That new block
 * is where one's move of the block now lands, so it is noted as such: a collaborator who
 * moved the same block meanwhile then keeps one copy, as for any two moves at once.
 */
import {
  ContentType,
  createID,
  findIndexSS,
  getItem,
  getState,
  Item,
  UndoManager,
  XmlText,
  type Doc,
  type Transaction,
} from 'yjs';
import { wordsOf } from './copy-reconcile.js';
import { charactersWritten } from './copy-finder.js';
import { withSplitOffs } from './split-copies.js';

/** A move: who wrote the block and the clock range of the write (some notes add a time: move-note-format.ts). */
export type MoveNote = [client: number, start: number, end: number, time?: number];

/** How many undo/redo round trips of one block are followed. */
const MAX_REDONE = 16;

/** The item `key` ("client:clock") names, if this document has it. */
export function itemOf(doc: Doc, key: string): Item | null {
  const [client, clock] = key.split(':').map(Number);
  if (!Number.isSafeInteger(client) || !Number.isSafeInteger(clock) || clock! < 0) return null;
  if (clock! >= getState(doc.store, client!)) return null;
  const struct = getItem(doc.store, createID(client!, clock!));
  return struct instanceof Item ? struct : null;
}

/** The live block that undo or redo brought `item` back as, following repeated round trips. */
function revivalOf(doc: Doc, item: Item): Item | null {
  let current = item;
  for (let step = 0; step < MAX_REDONE && current.redone !== null; step++) {
    const next = itemOf(doc, `${current.redone.client}:${current.redone.clock}`);
    if (next === null) return null;
    current = next;
  }
  return current !== item && !current.deleted ? current : null;
}

/** Own moved blocks (by key) that this undo or redo brought back, with the block now holding them. */
export function revivedMoves(transaction: Transaction, keys: Iterable<string>): Array<{ key: string; block: Item }> {
  if (!transaction.local || !(transaction.origin instanceof UndoManager)) return [];
  const { doc } = transaction;
  const start = transaction.beforeState.get(doc.clientID) ?? 0;
  const end = transaction.afterState.get(doc.clientID) ?? 0;
  if (end <= start) return [];
  const found: Array<{ key: string; block: Item }> = [];
  for (const key of keys) {
    const item = itemOf(doc, key);
    const block = item === null ? null : revivalOf(doc, item);
    const isNew = block !== null && block.id.client === doc.clientID && block.id.clock >= start;
    if (isNew && block.content instanceof ContentType && block.content.type instanceof XmlText) {
      found.push({ key, block });
    }
  }
  return found;
}

/** The outermost live blocks the move `note` wrote. */
function blocksWritten(doc: Doc, [client, start, end]: MoveNote): XmlText[] {
  const structs = doc.store.clients.get(client);
  if (structs === undefined || end <= start || start < 0 || start >= getState(doc.store, client)) return [];
  const blocks: XmlText[] = [];
  for (let i = findIndexSS(structs, start); i < structs.length && structs[i]!.id.clock < end; i++) {
    const struct = structs[i];
    if (!(struct instanceof Item) || struct.deleted || !(struct.content instanceof ContentType)) continue;
    if (!(struct.content.type instanceof XmlText)) continue;
    const parent = (struct.parent as XmlText)._item;
    const isInNew = parent !== null && parent.id.client === client && parent.id.clock >= start && parent.id.clock < end;
    if (!isInNew) blocks.push(struct.content.type);
  }
  return blocks;
}

/**
 * The words of every place the winning move's copy may be now, as candidates: the blocks it
 * wrote and the blocks holding characters it wrote, for it and for the later moves `next` names.
 */
export function winningWords(doc: Doc, note: MoveNote, next: (note: MoveNote) => MoveNote[], depth = 0): string[][] {
  const places = new Set<XmlText>(blocksWritten(doc, note));
  for (const item of charactersWritten(doc, note[0], note[1], note[2])) places.add(item.parent as XmlText);
  // With the blocks its mover split off it since (split-copies.ts).
  const words = Array.from(places, (block) => withSplitOffs(block, note).flatMap(wordsOf));
  if (depth >= MAX_REDONE) return words;
  return [...words, ...next(note).flatMap((later) => winningWords(doc, later, next, depth + 1))];
}
