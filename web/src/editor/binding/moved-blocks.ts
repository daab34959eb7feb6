/**
 * The blocks a transaction deleted, with the text they held then: the candidates for a move
 * (concurrent-moves.ts), since a move deletes a block and writes its copy.
 */
import { ContentString, ContentType, findIndexSS, isDeleted, Item, XmlText, type Transaction } from 'yjs';

/** The items the transaction deleted, in the store's order. */
export function* deletedItems(transaction: Transaction): Generator<Item> {
  for (const [client, ranges] of transaction.deleteSet.clients) {
    const structs = transaction.doc.store.clients.get(client);
    if (structs === undefined) continue;
    for (const { clock, len } of ranges) {
      for (let i = findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
        const struct = structs[i];
        if (struct instanceof Item) yield struct;
      }
    }
  }
}

/** Blocks the transaction deleted (not those inside a block it deleted), with their text then. */
export function movedBlocks(transaction: Transaction): Array<{ block: Item; seen: string }> {
  const blocks: Array<{ block: Item; seen: string }> = [];
  for (const item of deletedItems(transaction)) {
    if (!(item.content instanceof ContentType) || !(item.content.type instanceof XmlText)) continue;
    const parentItem = (item.parent as XmlText)._item;
    if (parentItem !== null && isDeleted(transaction.deleteSet, parentItem.id)) continue;
    blocks.push({ block: item, seen: textDeletedIn(item.content.type, transaction) });
  }
  return blocks;
}

/** The characters of `block` (nested blocks included: a list's are in its items) the transaction deleted. */
function textDeletedIn(block: XmlText, transaction: Transaction): string {
  let text = '';
  for (let item = block._start; item !== null; item = item.right) {
    if (!isDeleted(transaction.deleteSet, item.id)) continue;
    if (item.content instanceof ContentString) text += item.content.str;
    else if (item.content instanceof ContentType && item.content.type instanceof XmlText) {
      text += textDeletedIn(item.content.type, transaction);
    }
  }
  return text;
}
