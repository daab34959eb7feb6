/**
 * Text typed into a block while a collaborator moved that block stays (issue 19). The
 * mover deleted the block and wrote a copy of what they saw (see cascade-hook.ts); each
 * person's own unseen words in the deleted block are written again by that person, so
 * exactly one copy comes back:
 * - into the mover's copy, at the same place among the moved characters, when the copy is
 *   found among the characters the moving update wrote (a list item made of a paragraph, a
 *   list item indented, a block joined onto the one before);
 * - otherwise (the block was deleted, or nothing of it was copied) as a paragraph of its
 *   own where the block was.
 */
import {
  ContentString,
  isDeleted,
  Map as YMap,
  XmlText,
  type AbstractType,
  type Doc,
  type Item,
  type Transaction,
} from 'yjs';
import { watchRemoteBlockDeletes } from './cascade-hook.js';
import { followMovedChars } from './moved-chars.js';
import { placeInCopy, type Lost, type Piece } from './copy-finder.js';

/** Origin of the rescuing transactions: undo does not take them back (they are nobody's edit). */
export const RESCUE_ORIGIN = Symbol('quire.rescue');

/** One's own characters left in `block` after a remote transaction deleted what it saw. */
function lostIn(block: XmlText, transaction: Transaction, clientID: number): Lost | null {
  let seen = '';
  const pieces: Piece[] = [];
  for (let item = block._start; item !== null; item = item.right) {
    if (!(item.content instanceof ContentString)) continue;
    const text = item.content.str;
    if (item.deleted) {
      if (isDeleted(transaction.deleteSet, item.id)) seen += text;
    } else if (item.id.client === clientID) {
      const last = pieces[pieces.length - 1];
      if (last !== undefined && last.at === seen.length) last.text += text;
      else pieces.push({ at: seen.length, text });
    }
  }
  if (pieces.length === 0) return null;
  return { block, seen, pieces, before: transaction.beforeState, after: transaction.afterState };
}

/** The block's top-level ancestor (or itself) and the root it sits in. */
function topLevelOf(doc: Doc, block: XmlText): Item | null {
  const root = doc.get('root', XmlText);
  let item = block._item;
  while (item !== null && item.parent !== root) item = (item.parent as AbstractType<unknown>)._item;
  return item;
}

/** Writes the pieces as a paragraph of their own just after where the block was. */
function placeAsParagraph(doc: Doc, lost: Lost): void {
  const top = topLevelOf(doc, lost.block);
  if (top === null) return;
  const root = top.parent as XmlText;
  let index = 0;
  for (let item = root._start; item !== null && item !== top; item = item.right) {
    if (!item.deleted && item.countable) index += item.length;
  }
  if (!top.deleted) index += top.length;
  const paragraph = new XmlText();
  root.insertEmbed(index, paragraph);
  paragraph.setAttribute('__type', 'paragraph');
  const text = new YMap<unknown>();
  paragraph.insertEmbed(0, text);
  for (const [key, value] of Object.entries({ __type: 'text', __format: 0, __style: '', __mode: 0, __detail: 0 })) {
    text.set(key, value);
  }
  paragraph.insert(1, lost.pieces.map((piece) => piece.text).join(' '));
}

/** Keeps, on `doc`, one's own words typed into blocks others moved or deleted unseen. */
export function keepMovedAwayText(doc: Doc): () => void {
  const stopChars = followMovedChars(doc, RESCUE_ORIGIN);
  const stopBlocks = watchRemoteBlockDeletes(doc, (transaction, blocks) => {
    const lost = blocks
      .map((block) => lostIn(block, transaction, doc.clientID))
      .filter((entry): entry is Lost => entry !== null);
    if (lost.length === 0) return;
    // Not inside the remote transaction: what it writes would not be sent to the others.
    queueMicrotask(() => {
      doc.transact(() => {
        for (const entry of lost) if (!placeInCopy(doc, entry)) placeAsParagraph(doc, entry);
      }, RESCUE_ORIGIN);
    });
  });
  return () => {
    stopBlocks();
    stopChars();
  };
}
