/**
 * Words one linked in a block a collaborator moved meanwhile stay (issue 19, fuzz seed 7 at
 * 48 steps). A link is an element inside its block (a Y.XmlText holding a text node), and
 * linking words one typed writes them again inside it. The mover, who had not seen the link,
 * copied only what they saw: the link stayed in the deleted block, out of sight, and its words
 * were lost. The rescue (moved-text-rescue.ts) writes the words of such a link again, as plain
 * text: the words stay, the link is not carried over.
 */
import { ContentString, ContentType, XmlText, type Item, type Transaction } from 'yjs';
import { isCarriedCopy } from './carried-text.js';
import { isCopiedByOthers } from './copy-finder.js';
import { isOwnClient } from './remembered-moves.js';
import type { RestoredItems } from './restored-items.js';
import { typedOrRestoredUnseen } from './restored-unseen.js';

/**
 * One's own typed characters inside `link`, not written back by undo, nor carried there by
 * one's Enter from a block the mover saw (a new list item: carried-text.ts). A new list item
 * the mover never saw counts too, with the words of the links inside it (fuzz seed 142 at 48 steps).
 */
function typedIn(link: XmlText, restored: RestoredItems, transaction: Transaction): string {
  const { doc } = transaction;
  let text = '';
  for (let item = link._start; item !== null; item = item.right) {
    if (!item.deleted && item.content instanceof ContentType && item.content.type instanceof XmlText) {
      text += typedIn(item.content.type, restored, transaction);
    }
    if (item.deleted || !isOwnClient(doc, item.id.client) || !(item.content instanceof ContentString)) continue;
    if (isCarriedCopy(item, transaction)) continue;
    text += typedOrRestoredUnseen(item, item.content.str, transaction, restored);
  }
  return text;
}

/**
 * The words of `item` if it is one's own link that the remote `transaction` (which deleted its
 * block) had not seen: live, and its words not in the mover's copy (the mover saw the words
 * before they were linked). Otherwise ''.
 */
export function unseenOwnLinkText(item: Item, transaction: Transaction, restored: RestoredItems): string {
  // One's own: this page's client id or one it had before a reload (remembered-moves.ts).
  if (item.deleted || !isOwnClient(transaction.doc, item.id.client)) return '';
  if (!(item.content instanceof ContentType) || !(item.content.type instanceof XmlText)) return '';
  const text = typedIn(item.content.type, restored, transaction);
  return text === '' || isCopiedByOthers(transaction, text) ? '' : text;
}
