/**
 * Undo never deletes a collaborator's text (issue 19). The Yjs undo manager undoes an
 * insertion by deleting what was inserted; when that is a block (a shared type) someone
 * else has since typed into, their text would go with it. Every undo manager here is
 * given a delete filter that keeps such a block: one's own text inside it is still
 * removed (it is undone item by item), the collaborator's stays.
 */
import { ContentType, UndoManager, type AbstractType, type Item } from 'yjs';

/** Whether `type` (or a block nested in it) holds live content written by another client. */
function holdsOthersContent(type: AbstractType<unknown>, clientID: number): boolean {
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    if (item.id.client !== clientID) return true;
    if (item.content instanceof ContentType && holdsOthersContent(item.content.type, clientID)) return true;
  }
  return false;
}

/**
 * False for a block holding another client's content, and for an attribute of one (its
 * type, indentation...): undone, the block would be kept but unreadable. An attribute
 * one changed is still undone, since the restored value replaces it.
 */
export function keepsOthersContent(item: Item, clientID: number): boolean {
  // A block's type is never undone away: with it gone every reader skips the block and
  // all its text. Undoing a type change still works (the restored value replaces it), and
  // a block whose insertion is undone is deleted with its type.
  if (item.parentSub === '__type') return false;
  if (item.content instanceof ContentType && holdsOthersContent(item.content.type, clientID)) return false;
  return !(item.parentSub !== null && holdsOthersContent(item.parent as AbstractType<unknown>, clientID));
}

const ownFilter = Symbol('quire.deleteFilter');

type Filtered = UndoManager & { [ownFilter]?: (item: Item) => boolean };

/**
 * `@lexical/yjs` builds its undo manager itself, with no way to pass options, so the
 * filter is installed on the class: the constructor's own `deleteFilter` is kept and
 * combined with ours.
 */
export function scopeUndoToOwnContent(): void {
  if (Object.getOwnPropertyDescriptor(UndoManager.prototype, 'deleteFilter') !== undefined) return;
  Object.defineProperty(UndoManager.prototype, 'deleteFilter', {
    configurable: true,
    get(this: Filtered) {
      const own = this[ownFilter];
      return (item: Item): boolean => (own === undefined || own(item)) && keepsOthersContent(item, this.doc.clientID);
    },
    set(this: Filtered, filter: (item: Item) => boolean) {
      this[ownFilter] = filter;
    },
  });
}
