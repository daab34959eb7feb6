/**
 * Text an undo did not write keeps the text node it was in (issue 19). `@lexical/yjs` stores
 * a text node as a map (its start) followed by its characters, so a character belongs to
 * the nearest live start before it. Undo writes deleted starts back where they were: when
 * one deleted a tab or a differently formatted piece of a line and someone then typed
 * right there, their letters follow the deleted items, and the undo's copy of the start came
 * to sit in front of them. They were taken into the tab (a tab shows only its tab, so their
 * words vanished) or took the restored piece's format. The default pass of the editing fuzz,
 * seed 151 at 48 steps: a selection of six words with a tab among them, deleted by Enter,
 * then undone after two others typed where it had been.
 *
 * So after an undo or redo, in its transaction, each run of characters it did not write that
 * now follows a start it wrote gets a start of its own, with the properties of the start it
 * followed before.
 */
import { insertTextNodes, textNodeProps, type TextNodeProps } from '@quire/shared';
import { ContentString, ContentType, Map as YMap, XmlText, type Item, type Transaction } from 'yjs';

/** Where, in one block, runs of characters need a start: live indexes and the starts' properties. */
interface Needed {
  block: XmlText;
  starts: number[];
  props: TextNodeProps[];
}

const isNewIn = (transaction: Transaction, item: Item): boolean =>
  item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);

/** Whether `transaction` deleted `item` (its delete set is sorted only once it ends: no binary search). */
function deletedBy(transaction: Transaction, item: Item): boolean {
  const ranges = transaction.deleteSet.clients.get(item.id.client) ?? [];
  return ranges.some(({ clock, len }) => item.id.clock >= clock && item.id.clock < clock + len);
}

/** Whether `item` was there (live) when the transaction began. */
const wasLive = (transaction: Transaction, item: Item): boolean =>
  !isNewIn(transaction, item) && (!item.deleted || deletedBy(transaction, item));

/** The properties of the text node `start` begins, if it is a text node's start. */
function propsOf(start: Item | null): TextNodeProps | null {
  if (start === null || !(start.content instanceof ContentType) || !(start.content.type instanceof YMap)) return null;
  return textNodeProps(start.content.type as YMap<unknown>);
}

/**
 * Whether characters that were live before the transaction, coming right after `last`, were
 * taken out of the node they were in (begun by `before`) into one it wrote (begun by `now`):
 * they follow something it wrote back. A text node's start written back right in front of
 * them is their own start back (the step had deleted it, as merging two text nodes does).
 */
function takenIntoRestored(
  transaction: Transaction,
  before: Item | null,
  now: Item | null,
  last: Item | null,
): boolean {
  if (now === null || now === before || last === null) return false;
  if (!isNewIn(transaction, now) || !isNewIn(transaction, last)) return false;
  return !(last === now && propsOf(now) !== null);
}

/** Where in `block` runs of characters that were live before now follow a start the transaction wrote. */
function findNeeded(block: XmlText, transaction: Transaction): Needed {
  const needed: Needed = { block, starts: [], props: [] };
  let before: Item | null = null;
  let now: Item | null = null;
  let last: Item | null = null;
  let index = 0;
  for (let item: Item | null = block._start; item !== null; item = item.right) {
    if (!(item.content instanceof ContentString)) {
      if (wasLive(transaction, item)) before = item;
      if (!item.deleted) now = item;
    } else if (!item.deleted && wasLive(transaction, item) && takenIntoRestored(transaction, before, now, last)) {
      const props = propsOf(before);
      if (props !== null) {
        needed.starts.push(index);
        needed.props.push(props);
        now = before;
      }
    }
    if (!item.deleted) {
      last = item;
      if (item.countable) index += item.length;
    }
  }
  return needed;
}

/**
 * After an undo or redo (in its transaction): characters it did not write stay in the text
 * node they were in. Only the blocks it changed are read.
 */
export function keepTextInItsNode(transaction: Transaction): void {
  const found: Needed[] = [];
  for (const type of transaction.changed.keys()) if (type instanceof XmlText) found.push(findNeeded(type, transaction));
  for (const { block, starts, props } of found) if (starts.length > 0) insertTextNodes(block, starts, props);
}
