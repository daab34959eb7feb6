/**
 * Undo never deletes a collaborator's text (issue 19). The Yjs undo manager undoes an
 * insertion by deleting what was inserted; when that is a block (a shared type) someone
 * else has since typed into, their text would go with it. Every undo manager here is
 * given a delete filter that keeps such a block: one's own text inside it is still
 * removed (it is undone item by item), the collaborator's stays. The same holds for a text
 * node: its start is kept while a collaborator's characters follow it.
 */
import { ContentString, ContentType, Map as YMap, UndoManager, type AbstractType, type Item } from 'yjs';
import { keepsSplitCopy } from './undone-split-kept.js';
import { noteRestoredAuthors, writtenByOther } from './restored-authors.js';
import { cutToOneCopy } from './undone-copy-length.js';

/** Whether `type` (or a block nested in it) holds live content written by another client. */
function holdsOthersContent(type: AbstractType<unknown>, clientID: number): boolean {
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    if (writtenByOther(item, clientID)) return true;
    if (item.content instanceof ContentType && holdsOthersContent(item.content.type, clientID)) return true;
  }
  return false;
}

/**
 * Whether `item` is a text node's start (its Y.Map embed) followed, before the next embed,
 * by live characters another client wrote: the characters of a text node follow its embed,
 * so with the embed gone `@lexical/yjs` finds them dangling and deletes them.
 */
function startsOthersText(item: Item, clientID: number): boolean {
  if (item.parentSub !== null || !(item.content instanceof ContentType) || !(item.content.type instanceof YMap)) {
    return false;
  }
  for (let next = item.right; next !== null; next = next.right) {
    if (next.deleted) continue;
    if (!(next.content instanceof ContentString)) return false;
    if (writtenByOther(next, clientID)) return true;
  }
  return false;
}

/**
 * False for a block holding another client's content, for a text node's start followed by
 * another client's characters, and for an attribute of either (its type, indentation,
 * format...): undone, the node would be kept but unreadable (and the server refuses a node
 * left without the properties it needs). An attribute one changed is still undone, since
 * the restored value replaces it.
 */
export function keepsOthersContent(item: Item, clientID: number): boolean {
  // A block's type is never undone away: with it gone every reader skips the block and
  // all its text. Undoing a type change still works (the restored value replaces it), and
  // a block whose insertion is undone is deleted with its type.
  if (item.parentSub === '__type') return false;
  if (item.content instanceof ContentType && holdsOthersContent(item.content.type, clientID)) return false;
  if (startsOthersText(item, clientID)) return false;
  if (item.parentSub === null) return true;
  const parent = item.parent as AbstractType<unknown>;
  return !(holdsOthersContent(parent, clientID) || (parent._item !== null && startsOthersText(parent._item, clientID)));
}

const ownFilter = Symbol('quire.deleteFilter');

type Filtered = UndoManager & { [ownFilter]?: (item: Item) => boolean };

/**
 * `@lexical/yjs` builds its undo manager itself, with no way to pass options, so the
 * filter is installed on the class: the constructor's own `deleteFilter` is kept and
 * combined with ours. It first cuts an item that copies more than one item
 * (undone-copy-length.ts): undo then takes back only the copy it reached.
 */
export function scopeUndoToOwnContent(): void {
  noteRestoredAuthors();
  if (Object.getOwnPropertyDescriptor(UndoManager.prototype, 'deleteFilter') !== undefined) return;
  Object.defineProperty(UndoManager.prototype, 'deleteFilter', {
    configurable: true,
    get(this: Filtered) {
      const own = this[ownFilter];
      return (item: Item): boolean => {
        cutToOneCopy(item);
        return (
          (own === undefined || own(item)) &&
          keepsOthersContent(item, this.doc.clientID) &&
          !keepsSplitCopy(item, this.doc.clientID)
        );
      };
    },
    set(this: Filtered, filter: (item: Item) => boolean) {
      this[ownFilter] = filter;
    },
  });
}
