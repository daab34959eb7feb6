/**
 * Undoing a split whose first half a collaborator deleted (issue 19; the tables pass of the
 * editing fuzz, seed 68). Enter moves the rest of the line into a new block: Yjs deletes those
 * characters from the old block and the typist writes a copy in the new one. Undo deletes the
 * copy and writes the deleted characters back, but Yjs cannot write a character back into a
 * block that is itself deleted: when a collaborator has since deleted the old block (Backspace
 * after emptying it), the undo took the whole rest of the line away, their words and everyone
 * else's. Here the new block stays when some text the step moved out cannot come back because
 * its block is gone: the collaborator's deletion stands, and nobody's words are lost.
 */
import { ContentString, ContentType, XmlText, iterateDeletedStructs, Item, type UndoManager } from 'yjs';

type StackItem = UndoManager['undoStack'][number];

/** The stack item the undo manager is popping now, while it pops. */
let popping: { manager: UndoManager; stackItem: StackItem; stranded?: boolean } | null = null;

/** Runs `pop` (an undo or redo of `stack`'s last item) with that item noted for `keepsSplitCopy`. */
export function whilePopping<T>(manager: UndoManager, stack: StackItem[], pop: () => T): T {
  const stackItem = stack[stack.length - 1];
  if (stackItem === undefined) return pop();
  const outer = popping;
  popping = { manager, stackItem };
  try {
    return pop();
  } finally {
    popping = outer;
  }
}

/**
 * Whether the step deleted text from a block that is now deleted, so the undo cannot write it
 * back. Text the step itself wrote is left out: Yjs never writes that back (the undo takes it
 * away), wherever it was: typing, then a move of the block, in one step (editing fuzz seed 106),
 * or a second Enter carrying on the copy of a link the first Enter made (all actions, seed 101).
 */
function movedOutOfDeletedBlock(manager: UndoManager, stackItem: StackItem): boolean {
  let stranded = false;
  manager.doc.transact((transaction) => {
    iterateDeletedStructs(transaction, stackItem.deletions, (struct) => {
      if (stranded || !(struct instanceof Item) || !(struct.content instanceof ContentString)) return;
      if (isInserted(stackItem, struct)) return;
      const parent = struct.parent;
      if (parent instanceof XmlText && parent._item !== null && parent._item.deleted && struct.redone === null) {
        stranded = true;
      }
    });
  });
  return stranded;
}

/** The block (a top-level child or nested one) one inserted in this step that holds `item`, if any. */
function ownNewBlockOf(item: Item, stackItem: StackItem, clientID: number): Item | null {
  for (let at: Item | null = item; at !== null; at = (at.parent as { _item: Item | null } | null)?._item ?? null) {
    const isBlock = at.parentSub === null && at.content instanceof ContentType && at.content.type instanceof XmlText;
    if (isBlock && at.id.client === clientID && !at.deleted && isInserted(stackItem, at)) return at;
  }
  return null;
}

function isInserted(stackItem: StackItem, item: Item): boolean {
  const ranges = stackItem.insertions.clients.get(item.id.client) ?? [];
  return ranges.some(({ clock, len }) => item.id.clock >= clock && item.id.clock < clock + len);
}

/**
 * For the undo manager's delete filter: false for the new block of a split being undone (and
 * everything in it) when the text it carried cannot go back to its deleted old block.
 */
export function keepsSplitCopy(item: Item, clientID: number): boolean {
  if (popping === null) return false;
  if (ownNewBlockOf(item, popping.stackItem, clientID) === null) return false;
  // Asked once per pop: the redo part of the pop is done before anything is deleted.
  popping.stranded ??= movedOutOfDeletedBlock(popping.manager, popping.stackItem);
  return popping.stranded;
}
