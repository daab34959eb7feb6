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
  createAbsolutePositionFromRelativePosition,
  createRelativePositionFromTypeIndex,
  isDeleted,
  Map as YMap,
  XmlText,
  type Doc,
  type Item,
  type RelativePosition,
  type Transaction,
} from 'yjs';
import { RESCUE_ORIGIN } from './moved-text-rescue.js';
import { RestoredItems } from './restored-items.js';

interface Stray {
  block: XmlText;
  /** Where the characters were: right after the item before them. */
  at: RelativePosition;
  /** Clock ranges of the stray characters still there when found. */
  live: Array<[number, number]>;
  text: string;
}

const isTextStart = (item: Item | null): boolean =>
  item !== null && item.content instanceof ContentType && item.content.type instanceof YMap;

/**
 * One's own typed characters in `block` that the remote transaction left stray (following an
 * embed other than a text node's, or nothing) or deleted while stray. Characters it deleted
 * are judged by what it left around them: a text node deleted with its characters (someone
 * deleted it) was not stray.
 */
function straysIn(block: XmlText, transaction: Transaction, restored: RestoredItems): Stray[] {
  const strays: Stray[] = [];
  const clientID = transaction.doc.clientID;
  let [index, lastLive, lastKept, current] = [0, null as Item | null, null as Item | null, null as Stray | null];
  for (let item = block._start; item !== null; item = item.right) {
    const isGoneInTransaction = item.deleted && isDeleted(transaction.deleteSet, item.id);
    if (
      item.content instanceof ContentString &&
      item.id.client === clientID &&
      (!item.deleted || isGoneInTransaction)
    ) {
      const owner = item.deleted ? lastKept : lastLive;
      if (!isTextStart(owner)) {
        const text = restored.typed(clientID, item.id.clock, item.content.str);
        current ??=
          strays[
            strays.push({ block, at: createRelativePositionFromTypeIndex(block, index, -1), live: [], text: '' }) - 1
          ]!;
        current.text += text;
        if (!item.deleted) current.live.push([item.id.clock, item.id.clock + item.length]);
      } else if (!item.deleted) current = null;
    } else if (!item.deleted) current = null;
    if (!(item.content instanceof ContentString) && (!item.deleted || isGoneInTransaction)) lastKept = item;
    if (!item.deleted && !(item.content instanceof ContentString)) lastLive = item;
    if (!item.deleted && item.countable) index += item.length;
  }
  return strays.filter((stray) => stray.text !== '');
}

/** Deletes the stray characters still there, from the last. */
function deleteLive(doc: Doc, stray: Stray): void {
  const pieces: Array<[number, number]> = [];
  let index = 0;
  for (let item = stray.block._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    if (item.id.client === doc.clientID && item.content instanceof ContentString) {
      for (const [start, end] of stray.live) {
        const from = Math.max(start, item.id.clock);
        const to = Math.min(end, item.id.clock + item.length);
        if (from < to) pieces.push([index + from - item.id.clock, to - from]);
      }
    }
    index += item.length;
  }
  for (const [at, length] of pieces.reverse()) stray.block.delete(at, length);
}

/** Writes the stray characters again in a text node of their own, where they were. */
function rehome(doc: Doc, stray: Stray): void {
  const block = stray.block;
  const position = createAbsolutePositionFromRelativePosition(stray.at, doc);
  if (block._item?.deleted === true || position === null || position.type !== block) return;
  deleteLive(doc, stray);
  const text = new YMap<unknown>();
  block.insertEmbed(position.index, text);
  for (const [key, value] of Object.entries({ __type: 'text', __format: 0, __style: '', __mode: 0, __detail: 0 })) {
    text.set(key, value);
  }
  block.insert(position.index + 1, stray.text);
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
