/**
 * An undo's copy of text a collaborator's Enter carried away at the same moment (issue 19;
 * the default pass of the editing fuzz, seed 122 at 48 steps). One deletes words (Enter over a
 * selection) and undoes it: Yjs writes the deleted characters back as one's own new ones, where
 * they were. Meanwhile, unseen, a collaborator pressed Enter before those words: their Enter
 * carries the rest of the line into a new line, which the binding does by deleting the
 * characters and writing a copy (carried-text.ts notes it as a move of the line). Their copy
 * holds the words, and so did the undo's copy in the old line: every page showed them twice.
 *
 * Only the undoer knows which characters are undo's copies (restored-authors.ts), so the
 * undoer's page settles it, whichever came first: when the collaborator's note of the line
 * arrives, and after an undo or redo. Undo's copies in a line whose move note (the winning
 * one) is someone else's give way when that move's copy holds them: the whole run of them
 * anywhere in it, or the end of the run at the start of it (their Enter fell inside the
 * run). Their copy may have been written again since (typing bold in it splits its text
 * node, seed 122), so the whole text of the blocks their move wrote counts for a whole run.
 * Only copies of characters one deleted before seeing that move count (deletion-knowledge.ts):
 * words typed again after it stay. When one's own note of the line wins instead, the
 * collaborator's copy gives way (concurrent-moves.ts) and the undo's copy stays.
 */
import {
  ContentString,
  ContentType,
  findIndexSS,
  Item,
  UndoManager,
  XmlText,
  type Doc,
  type Map as YMap,
  type Transaction,
} from 'yjs';
import { charactersWritten } from './copy-finder.js';
import { deletedUnseen, noteDeletionKnowledge } from './deletion-knowledge.js';
import { isNote } from './move-note-format.js';
import { isOwnClient } from './remembered-moves.js';
import { firstWrittenOf, writtenBackFrom } from './restored-authors.js';
import { itemOf, type MoveNote } from './undone-moves.js';

/** One character of a block: its item and its offset in it. */
interface Char {
  item: Item;
  offset: number;
}

/** A run of undo's live copies in a block, in order, and their letters. */
interface Run {
  chars: Char[];
  text: string;
}

const isUndoCopy = (doc: Doc, item: Item, offset: number): boolean =>
  item.id.client === doc.clientID && firstWrittenOf(doc, item.id.client, item.id.clock + offset) !== null;

/** Whether own character `offset` of `item` is undo's copy of one whose deletion had not seen the move `note`. */
function isCopyOfUnseen(doc: Doc, item: Item, offset: number, note: MoveNote): boolean {
  if (item.id.client !== doc.clientID) return false;
  const original = writtenBackFrom(doc, item.id.client, item.id.clock + offset);
  return original !== null && deletedUnseen(doc, original, note[0], note[1]);
}

/**
 * The runs of undo's (or redo's) live copies of characters directly in `block` whose deletion
 * had not seen the move `note`. What undo wrote back besides characters (a text node's
 * properties) does not end a run; anything else live does.
 */
function undoCopyRuns(doc: Doc, block: XmlText, note: MoveNote): Run[] {
  const runs: Run[] = [];
  let run: Run = { chars: [], text: '' };
  const end = (): void => {
    if (run.chars.length > 0) runs.push(run);
    run = { chars: [], text: '' };
  };
  for (let item = block._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    if (!(item.content instanceof ContentString)) {
      if (!isUndoCopy(doc, item, 0)) end();
      continue;
    }
    const { str } = item.content;
    for (let offset = 0; offset < str.length; offset++) {
      if (!isCopyOfUnseen(doc, item, offset, note)) {
        end();
        continue;
      }
      run.chars.push({ item, offset });
      run.text += str[offset];
    }
  }
  end();
  return runs;
}

/** The copy's texts: the characters the move wrote, per block, and the whole top-level blocks now holding what it wrote. */
interface CopyTexts {
  written: string[];
  whole: string[];
}

/** The live text of `type`, with its nested blocks' (a link's). */
function textOf(type: XmlText): string {
  let text = '';
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    if (item.content instanceof ContentString) text += item.content.str;
    else if (item.content instanceof ContentType && item.content.type instanceof XmlText)
      text += textOf(item.content.type);
  }
  return text;
}

const wroteItem = (item: Item | null, [client, start, end]: MoveNote): boolean =>
  item !== null && item.id.client === client && item.id.clock >= start && item.id.clock < end;

/** The characters `written` holds in `parent`, in order. */
function writtenIn(parent: XmlText, written: Set<Item>): string {
  let text = '';
  for (let item = parent._start; item !== null; item = item.right) {
    if (written.has(item)) text += (item.content as ContentString).str;
  }
  return text;
}

/**
 * What the move `note` wrote, apart from the block `from` it moved text out of. Its author may
 * have written its copy again since (a text node split or joined), so the whole text of the
 * blocks it wrote counts too, with that of the blocks holding characters it wrote.
 */
function copyTexts(doc: Doc, note: MoveNote, from: XmlText): CopyTexts {
  const written = charactersWritten(doc, note[0], note[1], note[2]);
  const parents = new Set(Array.from(written, (item) => item.parent as XmlText));
  const places = new Set(parents);
  const structs = doc.store.clients.get(note[0]) ?? [];
  for (let i = findIndexSS(structs, note[1]); i < structs.length && structs[i]!.id.clock < note[2]; i++) {
    const struct = structs[i];
    if (!(struct instanceof Item) || struct.deleted || !(struct.content instanceof ContentType)) continue;
    const isOutermost = !wroteItem((struct.parent as XmlText)._item, note);
    if (struct.content.type instanceof XmlText && isOutermost) places.add(struct.content.type);
  }
  parents.delete(from);
  places.delete(from);
  return {
    written: Array.from(parents, (parent) => writtenIn(parent, written)),
    whole: Array.from(places, textOf),
  };
}

/** How many characters at the end of `run` a copy holds: all (anywhere in it), or an end starting what the move wrote; 0 if none. */
function heldLength(run: string, { written, whole }: CopyTexts): number {
  if (run.trim() === '') return 0;
  if ([...written, ...whole].some((copy) => copy.includes(run))) return run.length;
  for (let length = run.length - 1; length > 0; length--) {
    const end = run.slice(run.length - length);
    if (end.trim() !== '' && written.some((copy) => copy.startsWith(end))) return length;
  }
  return 0;
}

/** The index of `char` in its block, as `delete` counts. */
function indexOf({ item, offset }: Char): number {
  let index = offset;
  for (let at = (item.parent as XmlText)._start; at !== null && at !== item; at = at.right) {
    if (!at.deleted && at.countable) index += at.length;
  }
  return index;
}

/** The undo's copies in the block `key` names that its winning note's copy, someone else's, holds. */
function heldCopies(doc: Doc, notes: YMap<unknown>, key: string): Char[] {
  const note = notes.get(key);
  const block = itemOf(doc, key);
  if (!isNote(note) || isOwnClient(doc, note[0]) || block === null || block.deleted) return [];
  if (!(block.content instanceof ContentType) || !(block.content.type instanceof XmlText)) return [];
  const runs = undoCopyRuns(doc, block.content.type, note);
  if (runs.length === 0) return [];
  const copies = copyTexts(doc, note, block.content.type);
  return runs.flatMap(({ chars, text }) => chars.slice(chars.length - heldLength(text, copies)));
}

/** Deletes the undo's copies held by someone else's copy in the blocks `keys` name. */
function dropHeld(doc: Doc, notes: YMap<unknown>, keys: Iterable<string>): void {
  const doomed = Array.from(new Set(keys)).flatMap((key) => heldCopies(doc, notes, key));
  // From the last, so the indexes of those before stay right.
  const places = doomed.map((char) => ({ parent: char.item.parent as XmlText, index: indexOf(char) }));
  for (const { parent, index } of places.sort((a, b) => b.index - a.index)) parent.delete(index, 1);
}

/** The keys of the blocks holding characters an undo or redo transaction wrote. */
function blocksWrittenBack(transaction: Transaction): string[] {
  const { doc } = transaction;
  const start = transaction.beforeState.get(doc.clientID) ?? 0;
  const end = transaction.afterState.get(doc.clientID) ?? 0;
  const keys = new Set<string>();
  for (const item of charactersWritten(doc, doc.clientID, start, end)) {
    const block = (item.parent as XmlText)._item;
    if (block !== null) keys.add(`${block.id.client}:${block.id.clock}`);
  }
  return Array.from(keys);
}

/**
 * On `doc`, undo's copies of text someone else's unseen Enter carried away (its note in
 * `notes`) give way to that copy; `origin` marks the deletion as nobody's edit.
 */
export function dropUndoCopiesCarriedAway(doc: Doc, notes: YMap<unknown>, origin: unknown): () => void {
  const later = (keys: string[]): void => {
    if (keys.length === 0) return;
    queueMicrotask(() => doc.transact(() => dropHeld(doc, notes, keys), origin));
  };
  const onAfter = (transaction: Transaction): void => {
    if (transaction.local && transaction.origin instanceof UndoManager) later(blocksWrittenBack(transaction));
  };
  const onNotes = (event: { keysChanged: Set<string>; transaction: Transaction }): void => {
    if (!event.transaction.local) later(Array.from(event.keysChanged));
  };
  const stopKnowledge = noteDeletionKnowledge(doc);
  doc.on('afterTransaction', onAfter);
  notes.observe(onNotes);
  return () => {
    stopKnowledge();
    doc.off('afterTransaction', onAfter);
    notes.unobserve(onNotes);
  };
}
