/**
 * Letters typed after a link in a block whose only text the mover saw is in its links
 * (issue 19; moved-text-rescue.ts). Such a block's own seen text is empty, so its copy is
 * not found by that text (copy-finder.ts), and the letters would come back as a paragraph
 * of their own. Instead they go right after the mover's copy of the link they followed, in
 * a text node like the one they were typed into.
 */
import { insertTextNodes } from '@quire/shared';
import { ContentType, type Doc, type Item, type XmlText } from 'yjs';
import { locateCopy, writtenBy, type Lost } from './copy-finder.js';

const LINK_TYPES = new Set(['link', 'autolink']);

function indexOf(parent: XmlText, target: Item): number {
  let index = 0;
  for (let item = parent._start; item !== null && item !== target; item = item.right) {
    if (!item.deleted && item.countable) index += item.length;
  }
  return index;
}

/**
 * Whether `item` is a link. The element the letters followed may be a block's child of another
 * kind (a list item, when an item added to a list follows the item before it): its copy is a
 * block in the root, where letters cannot go (the server refuses them).
 */
const isLink = (item: Item): boolean =>
  item.content instanceof ContentType &&
  LINK_TYPES.has((item.content.type as XmlText).getAttribute('__type') as string);

/** Places every piece after the copy of the link it followed; false (nothing written) if one has none. */
export function placeAfterLinkCopies(doc: Doc, lost: Lost): boolean {
  if (lost.seen !== '') return false;
  const written = writtenBy(doc, lost);
  const places = lost.pieces.map((piece) => {
    const text = piece.node?.afterElement;
    const link = text === undefined || text === '' ? null : locateCopy(text, written)?.parent._item;
    if (link === null || link === undefined || link.deleted || !isLink(link)) return null;
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
