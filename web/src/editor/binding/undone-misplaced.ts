/**
 * An undo or redo never writes a node back into a block that can no longer hold it (issue 19).
 * Yjs writes a deleted node back where it was; when a collaborator has since changed that
 * block's type in place, the node may not fit the new type: one deleted a picture, another
 * made its paragraph a code block, the first undid, and the picture came back inside the
 * code. The server refuses that update (1003 `node "image" inside "code"`), which the page
 * then resends on every reconnect and never syncs again (all-actions fuzz, seed 190 at 48
 * steps). So after an undo or redo, in its transaction, each node it wrote into a block whose
 * type may not hold it is deleted again: the server does not check a node the same update
 * deletes, and the block keeps its collaborator's type.
 */
import { nodeSchema } from '@quire/shared';
import { ContentType, Map as YMap, XmlElement, XmlText, type Item, type Transaction } from 'yjs';

const isNewIn = (transaction: Transaction, item: Item): boolean =>
  item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);

/** The `__type` of a node's shared type: an element's or decorator's attribute, a leaf's key. */
function typeOf(type: unknown): unknown {
  if (type instanceof XmlText || type instanceof XmlElement) return type.getAttribute('__type');
  if (type instanceof YMap) return (type as YMap<unknown>).get('__type');
  return undefined;
}

/** Whether `item`, a node, may not sit in the block it is in. */
function misplaced(item: Item, block: XmlText): boolean {
  if (!(item.content instanceof ContentType)) return false;
  const parentType = block.getAttribute('__type');
  if (typeof parentType !== 'string') return false;
  const schema = nodeSchema(typeOf(item.content.type));
  return schema !== undefined && !schema.parents.has(parentType);
}

/** Deletes the nodes `transaction` wrote into blocks whose type may not hold them. */
export function dropMisplacedRestored(transaction: Transaction): void {
  const found: Item[] = [];
  for (const type of transaction.changed.keys()) {
    if (!(type instanceof XmlText)) continue;
    for (let item: Item | null = type._start; item !== null; item = item.right) {
      if (!item.deleted && isNewIn(transaction, item) && misplaced(item, type)) found.push(item);
    }
  }
  for (const item of found) item.delete(transaction);
}
