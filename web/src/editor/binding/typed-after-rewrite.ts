/**
 * Letters typed right after text a collaborator rewrote stay after that text (issue 19).
 * Linking "word" in "hello word m" splits its text node: the linker deletes "word m" and
 * writes "word" into the link and a copy of " m" after it. Letters the typist wrote after
 * the old " m" meanwhile are left where the old " m" was, in front of the link, and the
 * word being typed is split: "hello oreword m".
 *
 * So the typist, on receiving such a rewrite, moves their own letters that follow the
 * characters it deleted to just after the rewrite's copy of those characters. Only the
 * typist moves their own letters, so they come back once however many editors see it.
 */
import { insertTextNodes, typedInto, type TextNodeProps } from '@quire/shared';
import { ContentString, isDeleted, iterateDeletedStructs, Item, XmlText, type Doc, type Transaction } from 'yjs';
import { charactersWritten, locateCopy } from './copy-finder.js';

/** Origin of the moves: not one's own edit, so undo leaves them alone. */
export const REWRITE_ORIGIN = Symbol('quire.typedAfterRewrite');

interface Stray {
  block: XmlText;
  /** One's own letters, in order, right after what the rewrite deleted. */
  items: Item[];
  /** The deleted characters they followed, nearest last. */
  seen: string;
  /** The text node they were typed into, read before Yjs collects what the rewrite deleted. */
  props: TextNodeProps | null;
}

const isDeletedString = (item: Item | null, transaction: Transaction): item is Item =>
  item !== null && item.content instanceof ContentString && isDeleted(transaction.deleteSet, item.id);

/** The characters the transaction deleted right before `item`, in order. */
function seenBefore(item: Item, transaction: Transaction): string {
  let seen = '';
  for (let left = item.left; isDeletedString(left, transaction); left = left.left) {
    seen = (left.content as ContentString).str + seen;
  }
  return seen;
}

const isOwnLetters = (item: Item | null, doc: Doc): item is Item =>
  item !== null && !item.deleted && item.id.client === doc.clientID && item.content instanceof ContentString;

/** One's own live letters in `block` that follow characters the transaction deleted. */
function straysIn(block: XmlText, transaction: Transaction): Stray[] {
  const strays: Stray[] = [];
  for (let item = block._start; item !== null; item = item.right) {
    if (!isOwnLetters(item, transaction.doc) || !isDeletedString(item.left, transaction)) continue;
    const stray: Stray = { block, items: [item], seen: seenBefore(item, transaction), props: typedInto(item) };
    while (isOwnLetters(item.right, transaction.doc)) {
      item = item.right;
      stray.items.push(item);
    }
    strays.push(stray);
  }
  return strays;
}

/** Blocks, still there, where a remote transaction deleted characters. */
function blocksWithDeletions(transaction: Transaction): Set<XmlText> {
  const blocks = new Set<XmlText>();
  iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (!(struct instanceof Item) || !(struct.content instanceof ContentString)) return;
    const parent = struct.parent;
    if (parent instanceof XmlText && parent._item?.deleted !== true) blocks.add(parent);
  });
  return blocks;
}

/** Characters the transaction's authors wrote in it. */
function writtenIn(transaction: Transaction): Set<Item> {
  const items = new Set<Item>();
  for (const [client, end] of transaction.afterState) {
    if (client === transaction.doc.clientID) continue;
    charactersWritten(transaction.doc, client, transaction.beforeState.get(client) ?? 0, end, items);
  }
  return items;
}

interface Place {
  parent: XmlText;
  index: number;
  /** After an element, where characters need a text node of their own. */
  needsTextNode: boolean;
}

/** Where, among the written characters, the longest tail of `seen` copied ends. */
function endOfCopy(seen: string, written: Set<Item>): Place | null {
  for (let start = 0; start < seen.length; start++) {
    const tail = seen.slice(start);
    const copy = locateCopy(tail, written);
    if (copy === null) continue;
    const end = copy.found + tail.length;
    // The rewrite ends with its copy; a single character elsewhere could match by chance.
    const last = copy.segments[copy.segments.length - 1]!;
    const total = last.start + last.item.length;
    if (end !== total || (tail.length < 2 && total > 1)) continue;
    const segment = copy.segments.find((seg) => end <= seg.start + seg.item.length)!;
    return { parent: copy.parent, index: segment.index + end - segment.start, needsTextNode: false };
  }
  return null;
}

/**
 * Just after the copy in the block itself, or after the inline element (a link) that holds
 * it: typing at the end of a link writes after it, not into it.
 */
function placeAfterCopy(block: XmlText, seen: string, written: Set<Item>): Place | null {
  const inBlock = new Set([...written].filter((item) => item.parent === block));
  const place = endOfCopy(seen, inBlock);
  if (place !== null) return place;
  const inline = new Set([...written].filter((item) => (item.parent as XmlText)._item?.parent === block));
  const inInline = endOfCopy(seen, inline);
  const element = inInline?.parent._item;
  if (element === undefined || element === null) return null;
  return { parent: block, index: indexOf(block, element) + 1, needsTextNode: true };
}

/** The item's position in its parent, as `insert` and `delete` count. */
function indexOf(parent: XmlText, target: Item): number {
  let index = 0;
  for (let item = parent._start; item !== null && item !== target; item = item.right) {
    if (!item.deleted && item.countable) index += item.length;
  }
  return index;
}

/** Writes the stray letters after the copy and deletes them where they were. */
function move(stray: Stray, written: Set<Item>): void {
  const live = stray.items.filter((item) => !item.deleted);
  const place = placeAfterCopy(stray.block, stray.seen, written);
  if (live.length === 0 || place === null) return;
  // The map first: characters right after an element are refused (server update-structure.ts).
  if (place.needsTextNode) insertTextNodes(place.parent, [place.index], [stray.props]);
  place.parent.insert(
    place.index + (place.needsTextNode ? 1 : 0),
    live.map((item) => (item.content as ContentString).str).join(''),
  );
  for (const item of live) stray.block.delete(indexOf(stray.block, item), item.length);
}

/** Keeps, on `doc`, one's own letters after the text a collaborator rewrote unseen. */
export function keepTypedAfterRewrites(doc: Doc): () => void {
  const onAfter = (transaction: Transaction): void => {
    if (transaction.local || transaction.deleteSet.clients.size === 0) return;
    const strays = [...blocksWithDeletions(transaction)].flatMap((block) => straysIn(block, transaction));
    if (strays.length === 0) return;
    const written = writtenIn(transaction);
    // Not inside the remote transaction: what it writes would not be sent to the others.
    queueMicrotask(() => doc.transact(() => strays.forEach((stray) => move(stray, written)), REWRITE_ORIGIN));
  };
  doc.on('afterTransaction', onAfter);
  return () => doc.off('afterTransaction', onAfter);
}
