/**
 * Letters typed after a link in a block whose only text the mover saw is in its links
 * (issue 19; moved-text-rescue.ts). Such a block's own seen text is empty, so its copy is
 * not found by that text (copy-finder.ts), and the letters would come back as a paragraph
 * of their own. Instead they go right after the mover's copy of the link they followed, in
 * a text node like the one they were typed into.
 */
import { insertTextNodes } from '@quire/shared';
import type { Doc, Item, XmlText } from 'yjs';
import { locateCopy, writtenBy, type Lost } from './copy-finder.js';

function indexOf(parent: XmlText, target: Item): number {
  let index = 0;
  for (let item = parent._start; item !== null && item !== target; item = item.right) {
    if (!item.deleted && item.countable) index += item.length;
  }
  return index;
}

/** Places every piece after the copy of the link it followed; false (nothing written) if one has none. */
export function placeAfterLinkCopies(doc: Doc, lost: Lost): boolean {
  if (lost.seen !== '') return false;
  const written = writtenBy(doc, lost);
  const places = lost.pieces.map((piece) => {
    const text = piece.node?.afterElement;
    const link = text === undefined || text === '' ? null : locateCopy(text, written)?.parent._item;
    if (link === null || link === undefined || link.deleted) return null;
    const block = link.parent as XmlText;
    return { block, index: indexOf(block, link) + 1, props: piece.node!.props, text: piece.text };
  });
  if (places.some((place) => place === null)) return false;
  for (const place of places.reverse()) {
    const { block, index, props, text } = place!;
    insertTextNodes(block, [index], [props]);
    block.insert(index + 1, text);
  }
  return true;
}
