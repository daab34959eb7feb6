/**
 * Words two people link at the same moment show once (issue 19). A link is an element inside
 * its block (a Y.XmlText embedded in the block's Y.XmlText): linking words deletes their
 * characters from the block and writes a link holding a copy of them. Two people linking the
 * same words before they sync each write a copy, and both stay ("one twotwo three").
 *
 * Each writes its link right after the last character it linked. Two neighbouring links are
 * rivals when both were written after a deleted character, neither next to the other, with
 * nothing live but text-node starts between them, and the linked characters overlap: both
 * end at the same character ("two" and "two" or "e two"), or the second's words reach back
 * over the first's last character ("two" and "two three"). Every page settles a pair the same way: the link of the lower client id wins (as conflicting move
 * notes do, concurrent-moves.ts). The loser's own page (remembered-moves.ts: also after a
 * reload) deletes its link and writes the letters it typed into it that the winner lacks
 * (those between the copies' common start and common end) into the winner's link. Links
 * sharing no characters at their start or end are left alone: nothing is lost, at worst both stay.
 */
import { ContentString, ContentType, XmlText, type Doc, type ID, type Item, type Transaction } from 'yjs';
import { MOVES_ORIGIN } from './concurrent-moves.js';
import { isOwnClient } from './remembered-moves.js';

/** Lexical's element types whose element is a link. */
const LINK_TYPES = new Set(['link', 'autolink']);

/** The link element `item` embeds, if it is a live one. */
function linkOf(item: Item): XmlText | null {
  if (item.deleted || !(item.content instanceof ContentType)) return null;
  const type = item.content.type;
  if (!(type instanceof XmlText)) return null;
  return LINK_TYPES.has(String(type.getAttribute('__type'))) ? type : null;
}

const sameId = (a: ID | null, b: ID | null): boolean =>
  a !== null && b !== null && a.client === b.client && a.clock === b.clock;

/** Whether `a` was written next to `b` (its author had seen `b`), or the other way round. */
const sawOther = (a: Item, b: Item): boolean =>
  sameId(a.rightOrigin, b.id) ||
  sameId(b.rightOrigin, a.id) ||
  sameId(a.origin, b.lastId) ||
  sameId(b.origin, a.lastId);

/** Whether `item` holds the character `id`. */
const holds = (item: Item, id: ID | null): boolean =>
  id !== null && item.id.client === id.client && item.id.clock <= id.clock && id.clock < item.id.clock + item.length;

/** Whether the character a link was written after is deleted (the link replaced it). */
function isDeletedOrigin(link: Item): boolean {
  for (let left = link.left; left !== null; left = left.left) if (holds(left, link.origin)) return left.deleted;
  return false;
}

/**
 * The next live link after `link` if both linked some of the same characters: each was
 * written after a deleted character (the last it linked), only deleted items and text-node
 * markers lie between them, and the second's words reach back over the first's last
 * character (always so when both were written after the same one).
 */
function rivalAfter(link: Item): Item | null {
  const between: Item[] = [];
  let next = link.right;
  for (; next !== null && linkOf(next) === null; next = next.right) {
    if (!next.deleted && next.content instanceof ContentString) return null;
    between.push(next);
  }
  if (next === null || !isDeletedOrigin(link) || !isDeletedOrigin(next)) return null;
  if (sameId(next.origin, link.origin)) return next;
  const origin = next.origin;
  const at = between.findIndex((item) => holds(item, origin));
  if (at < 0) return null;
  const apart = between.slice(0, at + 1).reduce((sum, item) => sum + (item.deleted ? item.length : 0), 0);
  return apart < textOf(linkOf(next)!).length ? next : null;
}

/** Pairs [own losing link, winning link] among `parent`'s rival links: the lower client id wins. */
export function losingOwnLinks(doc: Doc, parent: XmlText): Array<[Item, Item]> {
  const pairs: Array<[Item, Item]> = [];
  for (let item = parent._start; item !== null; item = item.right) {
    const rival = linkOf(item) === null ? null : rivalAfter(item);
    if (rival === null || rival.id.client === item.id.client || sawOther(item, rival)) continue;
    const [loser, winner] = item.id.client > rival.id.client ? [item, rival] : [rival, item];
    if (isOwnClient(doc, loser.id.client)) pairs.push([loser, winner]);
  }
  return pairs;
}

/** The live text of `type` (its characters only: text-node markers left out). */
function textOf(type: XmlText): string {
  let text = '';
  for (let item = type._start; item !== null; item = item.right) {
    if (!item.deleted && item.content instanceof ContentString) text += item.content.str;
  }
  return text;
}

/** The index in `type` (markers counted) just after its `offset`-th character, or before its first one. */
function indexAt(type: XmlText, offset: number): number {
  let index = 0;
  let seen = 0;
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    if (item.content instanceof ContentString) {
      if (offset <= seen + item.length && (offset > seen || offset === 0)) return index + offset - seen;
      seen += item.length;
    }
    index += item.length;
  }
  return index;
}

/** The index of `item` in its parent `parent`. */
function indexOf(parent: XmlText, item: Item): number {
  let index = 0;
  for (let at = parent._start; at !== null && at !== item; at = at.right) {
    if (!at.deleted && at.countable) index += at.length;
  }
  return index;
}

/** Deletes the losing link `loser`, writing what it holds beyond the winner's words into `winner`. */
export function giveWayTo(loser: Item, winner: Item): void {
  const [lost, kept] = [linkOf(loser), linkOf(winner)];
  if (lost === null || kept === null) return;
  const [mine, theirs] = [textOf(lost), textOf(kept)];
  let start = 0;
  while (start < mine.length && start < theirs.length && mine[start] === theirs[start]) start++;
  let end = 0;
  const room = Math.min(mine.length, theirs.length) - start;
  while (end < room && mine[mine.length - 1 - end] === theirs[theirs.length - 1 - end]) end++;
  if (start + end === 0) return;
  const extra = mine.slice(start, mine.length - end);
  if (extra !== '') kept.insert(indexAt(kept, theirs.length - end), extra);
  (loser.parent as XmlText).delete(indexOf(loser.parent as XmlText, loser), 1);
}

/** The block elements a remote `transaction` changed. */
function changedParents(transaction: Transaction): XmlText[] {
  const parents: XmlText[] = [];
  for (const type of transaction.changed.keys()) if (type instanceof XmlText) parents.push(type);
  return parents;
}

/** Makes one's own link of words someone else linked at the same moment give way, on `doc`. */
export function keepOneCopyOfLinks(doc: Doc): () => void {
  const onAfter = (transaction: Transaction): void => {
    if (transaction.local) return;
    const pairs = changedParents(transaction).flatMap((parent) => losingOwnLinks(doc, parent));
    if (pairs.length === 0) return;
    // After the remote transaction's observers (see concurrent-moves.ts yieldSoon).
    queueMicrotask(() =>
      doc.transact(() => pairs.forEach(([loser, winner]) => giveWayTo(loser, winner)), MOVES_ORIGIN),
    );
  };
  doc.on('afterTransaction', onAfter);
  return () => doc.off('afterTransaction', onAfter);
}
