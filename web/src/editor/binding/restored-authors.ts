/**
 * Who first wrote what undo or redo wrote back (issue 19). Yjs undoes a deletion by writing a
 * copy of what was deleted under one's own client id, even where a collaborator wrote it.
 * undo-scope.ts keeps a block when undo would delete a collaborator's content with it, and
 * must count such a copy as theirs: one's Enter made a line, a collaborator typed in it, one
 * made the line a list and undid that (the undo wrote the line back as one's own), then undid
 * the Enter, and the collaborator's words went with the line (editing fuzz, seed 75 at 48
 * steps). Each undo or redo notes, for the copies it writes, whose and which items they were
 * (restored-unseen.ts follows them back too); the record lives as long as the page, like the
 * undo history it serves.
 */
import { findIndexSS, Item, UndoManager, type Doc } from 'yjs';

/** Clocks [start, end) of `client`'s copies of items `author` wrote, the first copied from `from` (client, clock). */
type Copied = { client: number; start: number; end: number; author: number; from: [number, number] };

const copiedByDoc = new WeakMap<Doc, Copied[]>();

const docOf = (item: Item): Doc | null => (item.parent as { doc: Doc | null } | null)?.doc ?? null;

/** The author of the copied items that part of `item` is, if any; else its own client. */
function firstAuthor(item: Item, copied: readonly Copied[]): number {
  const { client, clock } = item.id;
  const from = copied.find(
    (range) => range.client === client && range.start < clock + item.length && range.end > clock,
  );
  return from?.author ?? client;
}

/** Whether `item`, or a part of it, was written by a client other than `clientID` (undo's copies count as the original's). */
export function writtenByOther(item: Item, clientID: number): boolean {
  if (item.id.client !== clientID) return true;
  const doc = docOf(item);
  const copied = doc === null ? undefined : copiedByDoc.get(doc);
  return copied !== undefined && firstAuthor(item, copied) !== clientID;
}

/**
 * What undo or redo copied into `client`'s character at `clock`: the character it copies and
 * the clock where that copy's run ends (copies of other items may follow it, merged into one
 * item); null when that character is no copy.
 */
export function copiedInto(doc: Doc, client: number, clock: number): { from: [number, number]; end: number } | null {
  const range = (copiedByDoc.get(doc) ?? []).find(
    (entry) => entry.client === client && entry.start <= clock && entry.end > clock,
  );
  return range === undefined ? null : { from: [range.from[0], range.from[1] + (clock - range.start)], end: range.end };
}

/**
 * The character undo or redo copied into `client`'s character at `clock`, followed back through
 * earlier copies to the one first written; null when that character is no copy.
 */
export function firstWrittenOf(doc: Doc, client: number, clock: number): [number, number] | null {
  const copies = copiedByDoc.get(doc)?.length ?? 0;
  let found: [number, number] | null = null;
  for (let steps = 0, at = copiedInto(doc, client, clock); at !== null && steps < copies; steps++) {
    found = at.from;
    at = copiedInto(doc, ...at.from);
  }
  return found;
}

/** The character undo or redo copied into `client`'s character at `clock` (the one it wrote back); null if none. */
export function writtenBackFrom(doc: Doc, client: number, clock: number): [number, number] | null {
  const range = (copiedByDoc.get(doc) ?? []).find(
    (entry) => entry.client === client && entry.start <= clock && entry.end > clock,
  );
  return range === undefined ? null : [range.from[0], range.from[1] + clock - range.start];
}

type StackItem = UndoManager['undoStack'][number];

/** Notes the copies a popped undo or redo step wrote of items someone else wrote (their `redone` points at the copy). */
function noteCopies(doc: Doc, step: StackItem, copied: Copied[]): void {
  step.deletions.clients.forEach((deletes, client) => {
    const structs = doc.store.clients.get(client);
    if (structs === undefined) return;
    for (const { clock, len } of deletes) {
      for (let i = findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
        const struct = structs[i];
        if (!(struct instanceof Item) || struct.redone === null) continue;
        const from = Math.max(clock - struct.id.clock, 0);
        const to = Math.min(clock + len - struct.id.clock, struct.length);
        copied.push({
          client: struct.redone.client,
          start: struct.redone.clock + from,
          end: struct.redone.clock + to,
          author: firstAuthor(struct, copied),
          from: [struct.id.client, struct.id.clock + from],
        });
      }
    }
  });
}

const watched = new WeakSet<UndoManager>();

/**
 * Notes what each step `manager` pops writes back. A step is read when popped, not when its
 * transaction ends: the undo runs inside an outer transaction (undo-stray-properties.ts).
 */
function watch(manager: UndoManager): void {
  if (watched.has(manager)) return;
  watched.add(manager);
  const copied = copiedByDoc.get(manager.doc) ?? [];
  copiedByDoc.set(manager.doc, copied);
  manager.on('stack-item-popped', ({ stackItem }) => noteCopies(manager.doc, stackItem, copied));
}

const patched = Symbol('quire.restoredAuthors');

/**
 * Every undo manager's undo and redo note the authors of what they write back (from the first
 * undo or redo on a document: nothing is copied before). Installed on the class, as
 * `@lexical/yjs` builds its undo manager itself.
 */
export function noteRestoredAuthors(): void {
  const proto = UndoManager.prototype as UndoManager & { [patched]?: true };
  if (proto[patched]) return;
  proto[patched] = true;
  const { undo, redo } = proto;
  proto.undo = function (this: UndoManager) {
    watch(this);
    return undo.call(this);
  };
  proto.redo = function (this: UndoManager) {
    watch(this);
    return redo.call(this);
  };
}
