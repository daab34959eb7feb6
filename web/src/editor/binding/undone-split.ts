/**
 * Undoing a split or join whose moved text a collaborator moved on (issue 19). Enter in the
 * middle of a line, a table, rule or image put there, or Backspace joining a line onto the one
 * before, moves text: Yjs deletes the characters and one writes a copy of them elsewhere.
 * Undo deletes one's copy and writes the deleted characters back. When a collaborator has
 * meanwhile moved part of that copy on (their own Enter, join or paste of paragraphs in it),
 * their copy of it stays, and the undo's copy of the same text showed it twice (a likely
 * cause of the word the tables pass of the editing fuzz, seed 14, once showed twice after an
 * undo; that run did not come back to confirm it). Here the undo leaves out the text its own
 * copy no longer held when it is shown elsewhere: the collaborator's move stands, the rest of
 * the undo goes through.
 */
import {
  ContentString,
  ContentType,
  iterateDeletedStructs,
  XmlText,
  Item,
  type AbstractStruct,
  type Transaction,
  type UndoManager,
} from 'yjs';
import { ownTextAt } from './own-text.js';

type StackItem = NonNullable<ReturnType<UndoManager['undo']>>;

/** A block's characters in order, each with the item holding it. */
interface Line {
  parent: XmlText;
  text: string;
  items: Item[];
}

/** Whether `transaction` deleted `item` (its delete set is sorted only once it ends: no binary search). */
function deletedBy(transaction: Transaction, item: AbstractStruct): boolean {
  const ranges = transaction.deleteSet.clients.get(item.id.client) ?? [];
  return ranges.some(({ clock, len }) => item.id.clock >= clock && item.id.clock < clock + len);
}

/**
 * Runs of one's copied characters (inserted by the undone step) that were already deleted
 * before this undo, by someone else's edit: what a collaborator moved out of the copy. A
 * deleted character's content is gone (Yjs keeps its length only, or nothing once its block
 * went): one's record of what one wrote has it.
 */
function movedOutRuns(transaction: Transaction, stackItem: StackItem): string[] {
  const { doc } = transaction;
  const ranges: Array<[start: number, end: number]> = [];
  iterateDeletedStructs(transaction, stackItem.insertions, (struct) => {
    if (struct.id.client !== doc.clientID || !struct.deleted || deletedBy(transaction, struct)) return;
    if (struct instanceof Item && struct.redone !== null) return;
    const last = ranges[ranges.length - 1];
    if (last !== undefined && last[1] === struct.id.clock) last[1] += struct.length;
    else ranges.push([struct.id.clock, struct.id.clock + struct.length]);
  });
  return ranges.flatMap(([start, end]) => ownTextAt(doc, start, end - start)).filter((text) => text.trim() !== '');
}

const isNewIn = (transaction: Transaction, item: Item): boolean =>
  item.id.client === transaction.doc.clientID && item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);

/** The live text of every block under `type`, split into what this transaction wrote and the rest. */
function linesOf(type: XmlText, transaction: Transaction, written: Line[], rest: string[]): void {
  const line: Line = { parent: type, text: '', items: [] };
  let other = '';
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    if (item.content instanceof ContentType && item.content.type instanceof XmlText) {
      linesOf(item.content.type, transaction, written, rest);
    } else if (item.content instanceof ContentString && isNewIn(transaction, item)) {
      line.text += item.content.str;
      for (let i = 0; i < item.length; i++) line.items.push(item);
    } else if (item.content instanceof ContentString) other += item.content.str;
  }
  if (line.text !== '') written.push(line);
  rest.push(other);
}

/** Deletes `length` characters of `line` from `from` (one's own newly written ones). */
function deleteFrom(line: Line, from: number, length: number): void {
  const first = line.items[from]!;
  let index = 0;
  for (let item = line.parent._start; item !== null && item !== first; item = item.right) {
    if (!item.deleted && item.countable) index += item.length;
  }
  const before = line.items.slice(0, from).filter((item) => item === first).length;
  line.parent.delete(index + before, length);
}

/**
 * Where the undo wrote `run` back, widened to the characters around it that the text showing
 * it elsewhere has around it too: the collaborator's move may also have carried characters
 * the copy had kept from before (a diff reuses equal letters), which the undo wrote back too.
 */
function spanOf(run: string, line: Line, shown: string): [from: number, to: number] | null {
  const at = line.text.indexOf(run);
  const where = shown.indexOf(run);
  if (at < 0 || where < 0) return null;
  let [from, to] = [at, at + run.length];
  for (let k = where; from > 0 && k > 0 && line.text[from - 1] === shown[k - 1]; k--) from--;
  for (let k = where + run.length; to < line.text.length && line.text[to] === shown[k]; k++) to++;
  return contiguous(line.items.slice(from, to)) ? [from, to] : null;
}

/** After an undo or redo (in its transaction): text it wrote back that a collaborator's move shows already goes. */
export function dropTextMovedOn(transaction: Transaction, stackItem: StackItem, scope: readonly unknown[]): void {
  const runs = movedOutRuns(transaction, stackItem);
  if (runs.length === 0) return;
  const written: Line[] = [];
  const rest: string[] = [];
  for (const type of scope) if (type instanceof XmlText) linesOf(type, transaction, written, rest);
  for (const run of runs) {
    const shown = rest.find((text) => text.includes(run));
    const line = written.find((candidate) => candidate.text.includes(run));
    const span = shown === undefined || line === undefined ? null : spanOf(run, line!, shown);
    if (span === null) continue;
    const [from, to] = span;
    deleteFrom(line!, from, to - from);
    line!.text = line!.text.slice(0, from) + line!.text.slice(to);
    line!.items.splice(from, to - from);
  }
}

/** Whether the distinct items of `span` follow each other with nothing live between them. */
function contiguous(span: Item[]): boolean {
  const distinct = [...new Set(span)];
  for (let i = 1; i < distinct.length; i++) {
    let item = distinct[i - 1]!.right;
    while (item !== null && item !== distinct[i] && item.deleted) item = item.right;
    if (item !== distinct[i]) return false;
  }
  return true;
}
