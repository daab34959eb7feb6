/**
 * Words two people link at the same moment show once (issue 19). A link is an element inside
 * its block (a Y.XmlText embedded in the block's Y.XmlText): linking words deletes their
 * characters from the block and writes a link holding a copy of them. Two people linking the
 * same words before they sync each write a copy, and both stay ("one twotwo three").
 *
 * Two neighbouring links are rivals when, with nothing live but nodes between them, they took
 * some of the same characters out of the block (linked-chars.ts: a link sits right after the
 * last character it linked, or right before the text-node start of the words after it when
 * it linked a text node's first words): "two" and "two", "two" and "two three", "one two" and
 * "two three", "one" and "one two" at a line's start. Every page settles a pair the same way:
 * the link of the lower client id wins (as conflicting move notes do, concurrent-moves.ts).
 * The loser's own page (remembered-moves.ts: also after a reload) deletes its link and writes
 * what it holds that the winner lacks into the winner's link: from links starting or ending
 * at the same character, the letters between the copies' common start and common end (so
 * letters typed into either stay); from others, its words before and after the shared ones.
 */
import { ContentString, ContentType, XmlText, type Doc, type ID, type Item, type Transaction } from 'yjs';
import { MOVES_ORIGIN } from './concurrent-moves.js';
import { linkedChars } from './linked-chars.js';
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

/**
 * The next live link after `link` if both linked some of the same characters, with only
 * deleted items and text-node starts between them.
 */
function rivalAfter(link: Item): Item | null {
  let next = link.right;
  for (; next !== null && linkOf(next) === null; next = next.right) {
    if (!next.deleted && next.content instanceof ContentString) return null;
  }
  if (next === null) return null;
  const mine = new Set(linkedChars(link, textOf(linkOf(link)!).length));
  return linkedChars(next, textOf(linkOf(next)!).length).some((id) => mine.has(id)) ? next : null;
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

/**
 * What `mine` (the losing link's text) holds that `theirs` lacks: [before theirs, after
 * theirs, how many of theirs' last letters that goes before]. Links starting or ending at the
 * same character compare their texts from that end (letters either typed into its link
 * differ); otherwise the characters both linked are left out and the rest goes on its side.
 */
function extraOf(mine: string, theirs: string, lost: string[], kept: string[]): [string, string, number] {
  const same = (a: string | undefined, b: string | undefined): boolean => a !== undefined && a === b;
  if (same(lost[0], kept[0]) || same(lost[lost.length - 1], kept[kept.length - 1])) {
    let start = 0;
    while (start < mine.length && start < theirs.length && mine[start] === theirs[start]) start++;
    let end = 0;
    const room = Math.min(mine.length, theirs.length) - start;
    while (end < room && mine[mine.length - 1 - end] === theirs[theirs.length - 1 - end]) end++;
    return start + end === 0 ? ['', '', 0] : ['', mine.slice(start, mine.length - end), end];
  }
  const held = new Set(kept);
  const before = lost.findIndex((id) => held.has(id));
  const shared = lost.filter((id) => held.has(id)).length;
  return [mine.slice(0, before), mine.slice(Math.min(mine.length, before + shared)), 0];
}

/** Deletes the losing link `loser`, writing what it holds beyond the winner's words into `winner`. */
export function giveWayTo(loser: Item, winner: Item): void {
  const [lost, kept] = [linkOf(loser), linkOf(winner)];
  if (lost === null || kept === null) return;
  const [mine, theirs] = [textOf(lost), textOf(kept)];
  const chars = [linkedChars(loser, mine.length), linkedChars(winner, theirs.length)] as const;
  if (!chars[0].some((id) => chars[1].includes(id))) return;
  const [head, tail, end] = extraOf(mine, theirs, ...chars);
  if (tail !== '') kept.insert(indexAt(kept, theirs.length - end), tail);
  if (head !== '') kept.insert(indexAt(kept, 0), head);
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
