/**
 * Characters typed next to text a collaborator wrapped in an element stay (issue 19). A
 * link is an element, so wrapping a word in one deletes the word's characters and writes
 * a copy inside a new link placed before them. Characters someone else typed right after
 * the word at the same time then follow the link with no text node of their own (a text
 * node's characters follow its Y.Map embed), and `@lexical/yjs` deletes such stray
 * characters. Their author writes them again, once, as a text node of their own where
 * they were: on every remote transaction that leaves their own characters stray, or
 * deletes them while stray.
 */
import {
  ContentString,
  ContentType,
  isDeleted,
  Map as YMap,
  XmlText,
  type Doc,
  type Item,
  type Transaction,
} from 'yjs';
import { RESCUE_ORIGIN } from './moved-text-rescue.js';
import { RestoredItems } from './restored-items.js';

interface Stray {
  block: XmlText;
  /** The item the text goes right after (null: the block's start). */
  after: Item | null;
  text: string;
}

/**
 * Whether the characters at `item` follow, as the transaction left them, an embed other than
 * a text node's (or nothing). Characters it deleted are judged by what it left in place
 * around them: a text node deleted with its characters (someone deleted it) was not stray.
 */
function isStray(item: Item, transaction: Transaction): boolean {
  const isGone = (left: Item): boolean => left.deleted && (!item.deleted || !isDeleted(transaction.deleteSet, left.id));
  let left = item.left;
  while (left !== null && (left.content instanceof ContentString || isGone(left))) left = left.left;
  return left === null || !(left.content instanceof ContentType) || !(left.content.type instanceof YMap);
}

/** One's own typed characters in `block` that the remote transaction left stray or deleted stray. */
function straysIn(block: XmlText, transaction: Transaction, restored: RestoredItems): Stray[] {
  const strays: Stray[] = [];
  const clientID = transaction.doc.clientID;
  let current: Stray | null = null;
  for (let item = block._start; item !== null; item = item.right) {
    const isOwnText = item.content instanceof ContentString && item.id.client === clientID;
    const isCandidate = isOwnText && (!item.deleted || isDeleted(transaction.deleteSet, item.id));
    if (!isCandidate || !isStray(item, transaction)) {
      if (!item.deleted) current = null;
      continue;
    }
    const text = restored.typed(clientID, item.id.clock, (item.content as ContentString).str);
    if (current === null) {
      current = { block, after: item.left, text: '' };
      strays.push(current);
    }
    current.text += text;
  }
  return strays.filter((stray) => stray.text !== '');
}

function indexAfter(block: XmlText, after: Item | null): number {
  let index = 0;
  for (let item = block._start; item !== null; item = item.right) {
    if (!item.deleted && item.countable) index += item.length;
    if (item === after) break;
  }
  return after === null ? 0 : index;
}

/** Deletes what is left of the stray characters and writes them again in a text node. */
function rehome(doc: Doc, stray: Stray): void {
  const block = stray.block;
  if (block._item?.deleted === true) return;
  const index = indexAfter(block, stray.after);
  let length = 0;
  for (let item = stray.after?.right ?? block._start; item !== null; item = item.right) {
    if (item.content instanceof ContentType) break;
    if (!item.deleted && item.id.client === doc.clientID && item.content instanceof ContentString)
      length += item.length;
    else if (!item.deleted) break;
  }
  if (length > 0) block.delete(index, length);
  const text = new YMap<unknown>();
  block.insertEmbed(index, text);
  for (const [key, value] of Object.entries({ __type: 'text', __format: 0, __style: '', __mode: 0, __detail: 0 })) {
    text.set(key, value);
  }
  block.insert(index + 1, stray.text);
}

/** Keeps, on `doc`, one's own characters that a collaborator's element left stray. */
export function keepStrayText(doc: Doc): () => void {
  const restored = new RestoredItems(doc);
  const onAfter = (transaction: Transaction): void => {
    if (transaction.local || !doc.store.clients.has(doc.clientID)) return;
    const strays: Stray[] = [];
    for (const type of transaction.changed.keys()) {
      if (type instanceof XmlText && type._item !== null) strays.push(...straysIn(type, transaction, restored));
    }
    if (strays.length === 0) return;
    // Not inside the remote transaction: what it writes would not be sent to the others.
    queueMicrotask(() => doc.transact(() => strays.forEach((stray) => rehome(doc, stray)), RESCUE_ORIGIN));
  };
  doc.on('afterTransaction', onAfter);
  return () => {
    doc.off('afterTransaction', onAfter);
    restored.destroy();
  };
}
