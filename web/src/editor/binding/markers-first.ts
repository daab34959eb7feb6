/**
 * Undo and redo write a text node's start before its characters (issue 19). `@lexical/yjs`
 * stores a text node as a map (its start) followed by its characters in the block's shared
 * text, and the server refuses characters stored right after anything but a text node's
 * start or other characters (1003 "characters outside a text node"). When an undo writes a
 * deleted block back (a list made of a line, undone), the undo manager restores its items
 * client by client; one collaborator's characters typed after another's text node start,
 * after a link, were restored before that start, so stored right after the link: the server
 * refused the page's update and every later one (editing fuzz, seed 36).
 *
 * So the starts of text nodes the step restores, with the blocks they are in, are restored
 * first, in a step of their own inside the same transaction (one update): the undo manager
 * then finds each restored character's start already written back.
 */
import { ContentType, Item, Map as YMap, createDeleteSet, isDeleted, isParentOf, iterateDeletedStructs } from 'yjs';
import type { AbstractType, Transaction, UndoManager } from 'yjs';

type StackItem = UndoManager['undoStack'][number];
type DeleteSet = StackItem['deletions'];

/** Whether `item` is a text node's start (its map in a block's shared text). */
function isTextStart(item: Item): boolean {
  return item.parentSub === null && item.content instanceof ContentType && item.content.type instanceof YMap;
}

/** The deleted items `stackItem` restores: those a step restores, as the undo manager picks them. */
function restoredItems(transaction: Transaction, stackItem: StackItem, scope: UndoManager['scope']): Set<Item> {
  const items = new Set<Item>();
  iterateDeletedStructs(transaction, stackItem.deletions, (struct) => {
    if (!(struct instanceof Item) || isDeleted(stackItem.insertions, struct.id)) return;
    if (scope.some((type) => type === transaction.doc || isParentOf(type as AbstractType<unknown>, struct))) {
      items.add(struct);
    }
  });
  return items;
}

/** The text starts among `items`, with the restored blocks they sit in (restored before them). */
function startsWithTheirBlocks(items: Set<Item>): Item[] {
  const chosen = new Set<Item>();
  for (const item of items) {
    if (!isTextStart(item)) continue;
    for (let current: Item | null = item; current !== null && items.has(current);) {
      chosen.add(current);
      current = (current.parent as AbstractType<unknown>)._item;
    }
  }
  return [...chosen];
}

/** A delete set of `items`, each client's ranges in clock order as Yjs keeps them. */
function deleteSetOf(items: Item[]): DeleteSet {
  const set = createDeleteSet();
  const sorted = [...items].sort((a, b) => a.id.client - b.id.client || a.id.clock - b.id.clock);
  for (const item of sorted) {
    const ranges = set.clients.get(item.id.client) ?? [];
    ranges.push({ clock: item.id.clock, len: item.length } as (typeof ranges)[number]);
    set.clients.set(item.id.client, ranges);
  }
  return set;
}

/** A step restoring only the text starts (and their blocks) `stackItem` restores; null when none. */
function startsStep(manager: UndoManager, transaction: Transaction, stackItem: StackItem): StackItem | null {
  const starts = startsWithTheirBlocks(restoredItems(transaction, stackItem, manager.scope));
  if (!starts.some(isTextStart)) return null;
  const step = Object.create(Object.getPrototypeOf(stackItem) as object) as StackItem;
  Object.assign(step, { deletions: deleteSetOf(starts), insertions: createDeleteSet(), meta: new Map() });
  return step;
}

/**
 * Runs one undo (or redo) step, `pop`, on `stack` (the undo manager's undo or redo stack),
 * restoring text starts first. Runs inside a transaction (`transaction`), so all of it is one
 * update; the steps below the top one are set aside meanwhile, so nothing more is popped.
 */
export function popWithStartsFirst(
  manager: UndoManager,
  stack: StackItem[],
  transaction: Transaction,
  pop: () => StackItem | null,
): StackItem | null {
  const top = stack[stack.length - 1];
  if (top === undefined) return pop();
  const below = stack.splice(0, stack.length - 1);
  try {
    const starts = startsStep(manager, transaction, top);
    if (starts === null) return pop();
    stack.push(starts);
    const first = pop();
    return first === starts ? (pop() ?? starts) : first;
  } finally {
    stack.unshift(...below);
  }
}
