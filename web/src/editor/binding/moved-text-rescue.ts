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
import { RestoredItems } from './restored-items.js';
import { typedOrRestoredUnseen } from './restored-unseen.js';
import { placeAfterLinkCopies } from './after-link-copy.js';
import { isCarriedCopy } from './carried-text.js';
import { placeInCopy, type Lost } from './copy-finder.js';
import { OwnPieces, startsTextNode } from './node-pieces.js';
import { pieceNodeOf } from './piece-places.js';
import { hasOwnWrites, isOwnClient } from './remembered-moves.js';
import { lostInGivenWay } from './given-way.js';
import { unseenOwnLinkText } from './moved-links.js';
import { keepTypedAfterRewrites } from './typed-after-rewrite.js';

/** Origin of the rescuing transactions: undo does not take them back (they are nobody's edit). */
export const RESCUE_ORIGIN = Symbol('quire.rescue');

type Kind = 'boundary' | 'seen' | 'own' | 'other';

/** What an item of a deleted block is: seen by the mover, typed by oneself, or neither. */
function kindOf(item: Item, transaction: Transaction, restored: RestoredItems): { kind: Kind; text: string } {
  if (!(item.content instanceof ContentString)) {
    const linked = unseenOwnLinkText(item, transaction, restored);
    return { kind: linked === '' ? 'boundary' : 'own', text: linked };
  }
  const text = item.content.str;
  if (item.deleted) return { kind: isDeleted(transaction.deleteSet, item.id) ? 'seen' : 'other', text };
  // One's own: typed under this page's client id, or one it had before a reload (remembered-moves.ts),
  // with undo's copies of one's typing the mover never had (restored-unseen.ts).
  const typed = isOwnClient(transaction.doc, item.id.client)
    ? typedOrRestoredUnseen(item, text, transaction, restored)
    : '';
  // One's Enter carried it out of a block the mover also moved: their copy holds it (carried-text.ts).
  if (typed !== '' && isCarriedCopy(item, transaction)) return { kind: 'seen', text };
  return typed === '' ? { kind: 'other', text } : { kind: 'own', text: typed };
}

interface Found {
  lost: Lost;
  /** Every piece sits right next to characters the mover saw, so their copy places it. */
  isPlaceable: boolean;
}

/** One's own characters left in `block` after a remote transaction deleted what it saw. */
function lostIn(block: XmlText, transaction: Transaction, restored: RestoredItems): Found | null {
  const isSeen = (item: Item): boolean => isDeleted(transaction.deleteSet, item.id);
  const isOwn = (item: Item): boolean => kindOf(item, transaction, restored).kind === 'own';
  let seen = '';
  const own = new OwnPieces();
  const { pieces } = own;
  let prev: Kind = 'boundary';
  let isPlaceable = true;
  for (let item = block._start; item !== null; item = item.right) {
    const { kind, text } = kindOf(item, transaction, restored);
    if (startsTextNode(item) && (!item.deleted || isSeen(item))) own.passNodeStart();
    if (kind === 'own') {
      if (prev === 'other') isPlaceable = false;
      own.add(seen.length, text, () => pieceNodeOf(item, isSeen, isOwn));
    } else if (prev === 'own' && kind === 'other') isPlaceable = false;
    if (kind === 'seen') seen += text;
    prev = kind;
  }
  if (pieces.length === 0) return null;
  return { lost: { block, seen, pieces, before: transaction.beforeState, after: transaction.afterState }, isPlaceable };
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
  const restored = new RestoredItems(doc);
  const stopBlocks = watchRemoteBlockDeletes(doc, (transaction, blocks) => {
    if (!hasOwnWrites(doc)) return;
    const lost = blocks
      .map((block) => {
        const givenWay = lostInGivenWay(block, transaction, restored);
        return givenWay === undefined ? lostIn(block, transaction, restored) : givenWay;
      })
      .filter((entry): entry is Found => entry !== null);
    if (lost.length === 0) return;
    // Not inside the remote transaction: what it writes would not be sent to the others.
    queueMicrotask(() => {
      doc.transact(() => {
        for (const { lost: entry, isPlaceable } of lost) {
          const isPlaced = isPlaceable && (placeInCopy(doc, entry) || placeAfterLinkCopies(doc, entry));
          if (!isPlaced) placeAsParagraph(doc, entry);
        }
      }, RESCUE_ORIGIN);
    });
  });
  const stopRewrites = keepTypedAfterRewrites(doc);
  return () => {
    stopBlocks();
    stopRewrites();
    restored.destroy();
  };
}
