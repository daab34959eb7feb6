/**
 * Undoing a split or join whose moved text a collaborator moved on or deleted (issue 19). Enter
 * in the middle of a line, a table, rule or image put there, or Backspace joining a line onto
 * the one before, moves text: Yjs deletes the characters and one writes a copy of them
 * elsewhere. Undo deletes one's copy and writes the deleted characters back. When a
 * collaborator has meanwhile moved part of that copy on (their own Enter, join or paste of
 * paragraphs in it), their copy of it stays, and the undo's copy of the same text showed it
 * twice (a likely cause of the word the tables pass of the editing fuzz, seed 14, once showed
 * twice after an undo); when they deleted part of it, the undo brought their deletion back.
 * Here the undo leaves out each character it wrote back whose copy a collaborator took out of
 * one's copy: their move or deletion stands, the rest of the undo goes through.
 *
 * Which written-back character is which character of the copy is told by their order in the
 * step's own text (paired-letters.ts), never by searching the document for the same letters:
 * every word the fuzz types ends in "q", and a lone "q" someone deleted from the copy was
 * matched to the first "q" written back, so the undo cut letters out of another word and
 * brought the deleted one back (the tables pass of the editing fuzz, seed 83).
 */
import { ContentString, ContentType, createID, findIndexSS, isDeleted, XmlText, Item } from 'yjs';
import type { AbstractStruct, ID, Transaction, UndoManager } from 'yjs';
import { ownTextAt } from './own-text.js';
import { pairedLetters } from './paired-letters.js';

type StackItem = NonNullable<ReturnType<UndoManager['undo']>>;

/** One character of one's copy (what the undone step wrote): its letter, and whether someone else took it out since. */
interface CopiedChar {
  letter: string;
  taken: boolean;
}

/** One character this undo wrote back: the block holding it and its index there. */
interface RestoredChar {
  parent: XmlText;
  index: number;
  letter: string;
}

/** Whether `transaction` deleted `id` (its delete set is sorted only once it ends: no binary search). */
function deletedBy(transaction: Transaction, id: ID): boolean {
  const ranges = transaction.deleteSet.clients.get(id.client) ?? [];
  return ranges.some(({ clock, len }) => id.clock >= clock && id.clock < clock + len);
}

/**
 * Whether one's copied character `id` (in `struct`) was deleted before this undo by someone
 * else's edit: not by this undo, nor by an earlier undo of one's own.
 */
function takenOut(transaction: Transaction, struct: AbstractStruct, id: ID): boolean {
  if (!struct.deleted || deletedBy(transaction, id)) return false;
  return !(struct instanceof Item && struct.redone !== null);
}

/** The letter of one's own character at `clock` (in `struct`), if it is one: live, or from one's record of it. */
function letterAt(doc: Transaction['doc'], struct: AbstractStruct, clock: number): string | undefined {
  if (struct instanceof Item && struct.content instanceof ContentString && !struct.deleted) {
    return struct.content.str[clock - struct.id.clock];
  }
  return ownTextAt(doc, clock, 1)[0];
}

/**
 * The characters the undone step wrote and kept (one's copy), in the order written. A deleted
 * character's content is gone (Yjs keeps its length only, or nothing once its block went):
 * one's record of what one wrote has it.
 */
function copiedChars(transaction: Transaction, stackItem: StackItem): CopiedChar[] {
  const { doc } = transaction;
  const structs = doc.store.clients.get(doc.clientID) ?? [];
  const chars: CopiedChar[] = [];
  for (const { clock, len } of stackItem.insertions.clients.get(doc.clientID) ?? []) {
    for (let i = findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
      const struct = structs[i]!;
      const [from, to] = [Math.max(clock, struct.id.clock), Math.min(clock + len, struct.id.clock + struct.length)];
      for (let at = from; at < to; at++) {
        const id = createID(doc.clientID, at);
        const letter = letterAt(doc, struct, at);
        if (letter === undefined || isDeleted(stackItem.deletions, id)) continue;
        chars.push({ letter, taken: takenOut(transaction, struct, id) });
      }
    }
  }
  return chars;
}

const isNewIn = (transaction: Transaction, item: Item): boolean =>
  item.id.client === transaction.doc.clientID && item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);

/** The live characters under `type` that this transaction wrote (the undo's), in document order. */
function restoredChars(type: XmlText, transaction: Transaction, chars: RestoredChar[]): void {
  let index = 0;
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    if (item.content instanceof ContentType && item.content.type instanceof XmlText) {
      restoredChars(item.content.type, transaction, chars);
    } else if (item.content instanceof ContentString && isNewIn(transaction, item)) {
      const { str } = item.content;
      for (let k = 0; k < str.length; k++) chars.push({ parent: type, index: index + k, letter: str[k]! });
    }
    if (item.countable) index += item.length;
  }
}

/** Deletes `chars` (each block's from the last, so the indexes of those before stay right), in runs. */
function deleteChars(chars: RestoredChar[]): void {
  const sorted = [...chars].sort((a, b) => b.index - a.index);
  for (let k = 0; k < sorted.length;) {
    const { parent, index } = sorted[k]!;
    let length = 1;
    while (sorted[k + length]?.parent === parent && sorted[k + length]!.index === index - length) length++;
    parent.delete(index - length + 1, length);
    k += length;
  }
}

/** After an undo or redo (in its transaction): what it wrote back whose copy a collaborator took out goes. */
export function dropTextMovedOn(transaction: Transaction, stackItem: StackItem, scope: readonly unknown[]): void {
  const copied = copiedChars(transaction, stackItem);
  if (!copied.some((char) => char.taken)) return;
  const restored: RestoredChar[] = [];
  for (const type of scope) if (type instanceof XmlText) restoredChars(type, transaction, restored);
  const letters = (chars: Array<{ letter: string }>): string => chars.map((char) => char.letter).join('');
  const dropped = pairedLetters(letters(copied), letters(restored))
    .filter(([c]) => copied[c]!.taken)
    .map(([, r]) => restored[r]!);
  const byParent = new Map<XmlText, RestoredChar[]>();
  for (const char of dropped) byParent.set(char.parent, [...(byParent.get(char.parent) ?? []), char]);
  for (const chars of byParent.values()) deleteChars(chars);
}
