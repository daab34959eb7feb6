/**
 * Words in a copy that gives way stay (issue 19). When two people move one block at once,
 * the author of the move that lost deletes its copy (concurrent-moves.ts). By then the copy
 * may hold words its author did not copy: their own, typed since the move, and others',
 * typed into the moved block and written again into this copy by their author
 * (moved-text-rescue.ts), or typed into it since. Deleting the copy deletes all of them.
 *
 * So each person writes their own words again into the copy that stays, at the same place
 * among the moved characters: the loser its own before deleting the copy; everyone else on
 * meeting the deletion, told by a note (the copy's id → the winning and the losing move)
 * that it gave way. Whether the loser had already received someone's words does not matter
 * (an update that lists them as deleted does not mean the loser saw them): each author
 * writes their own, once. Words the winner's copy already holds stay out (held-pieces.ts): a
 * paste can write the rest of a line again as the paster's own.
 */
import { ContentString, ContentType, isDeleted, XmlText, type Doc, type Item, type Transaction } from 'yjs';
import { canPlaceInCopy, placeInCopy, type Lost, type Piece } from './copy-finder.js';
import { ShownText, withoutHeld } from './held-pieces.js';
import { OwnPieces, startsTextNode } from './node-pieces.js';
import { pieceNodeOf } from './piece-places.js';
import { isOwnClient } from './remembered-moves.js';
import type { RestoredItems } from './restored-items.js';

/** The top-level map of copies that gave way: copy id ("client:clock") → winner and loser moves. */
export const GAVE_WAY_TYPE = 'quireGaveWay';

/** [client, start, end): the clocks a move wrote. */
export type MoveRange = [client: number, start: number, end: number];

type GaveWay = [...winner: MoveRange, ...loser: MoveRange];

type IsItem = (item: Item) => boolean;

const idOf = (item: Item): string => `${item.id.client}:${item.id.clock}`;

const wrote = (item: Item, move: MoveRange): boolean =>
  item.id.client === move[0] && item.id.clock >= move[1] && item.id.clock < move[2];

/** Notes come from anyone: only six whole numbers are read as one. */
function isGaveWay(value: unknown): value is GaveWay {
  return Array.isArray(value) && value.length === 6 && value.every((part) => Number.isSafeInteger(part));
}

/** What a copy holds: the characters the losing move wrote, the pieces, and its text as shown. */
interface CopyPieces {
  seen: string;
  pieces: Piece[];
  shown: ShownText;
}

/**
 * The characters of `text` the losing move wrote, and `isOwn` characters placed among them;
 * `isLive` tells the characters (and nested blocks) its reader sees.
 */
function piecesIn(text: XmlText, loser: MoveRange, isOwn: IsItem, isLive: IsItem): CopyPieces {
  const own = new OwnPieces();
  const found: CopyPieces = { seen: '', pieces: own.pieces, shown: new ShownText() };
  const { shown } = found;
  const isLoser = (item: Item): boolean => wrote(item, loser);
  for (let item = text._start; item !== null; item = item.right) {
    if (!(item.content instanceof ContentString)) {
      if (item.content instanceof ContentType && item.content.type instanceof XmlText && isLive(item)) shown.add(' ');
      if (startsTextNode(item) && isLive(item)) own.passNodeStart();
    } else if (isLoser(item)) {
      found.seen += item.content.str;
      if (isLive(item)) shown.add(item.content.str);
    } else if (isOwn(item)) {
      const first = item;
      shown.add(
        item.content.str,
        own.add(found.seen.length, item.content.str, () => pieceNodeOf(first, isLoser, isOwn)),
      );
    } else if (isLive(item)) shown.add(item.content.str);
  }
  return found;
}

function lostOf(doc: Doc, text: XmlText, gaveWay: GaveWay, isOwn: IsItem, isLive: IsItem): Lost | null {
  const { seen, pieces, shown } = piecesIn(text, gaveWay.slice(3) as MoveRange, isOwn, isLive);
  if (pieces.length === 0) return null;
  const [client, start, end] = gaveWay;
  const lost = { block: text, seen, pieces, before: new Map([[client, start]]), after: new Map([[client, end]]) };
  // A paste that wrote the rest of a line again holds words the winner has already.
  return withoutHeld(lost, shown, doc);
}

/** `block` and every block inside it. */
function blocksIn(block: XmlText, into: XmlText[] = []): XmlText[] {
  into.push(block);
  for (let item = block._start; item !== null; item = item.right) {
    if (!item.deleted && item.content instanceof ContentType && item.content.type instanceof XmlText) {
      blocksIn(item.content.type, into);
    }
  }
  return into;
}

/**
 * The loser's side: notes that `block` (its copy) gives way to `winner` and writes its own
 * words typed into it since the move into the winner's copy. False if some could not be
 * placed there (then the copy must stay: nothing is lost).
 */
export function giveWay(doc: Doc, block: Item, loser: MoveRange, winner: MoveRange): boolean {
  if (!(block.content instanceof ContentType) || !(block.content.type instanceof XmlText)) return true;
  const gaveWay: GaveWay = [...winner, ...loser];
  const isLive = (item: Item): boolean => !item.deleted;
  const isOwn = (item: Item): boolean => isLive(item) && isOwnClient(doc, item.id.client);
  const lost = blocksIn(block.content.type)
    .map((text) => lostOf(doc, text, gaveWay, isOwn, isLive))
    .filter((entry): entry is Lost => entry !== null);
  // All or none: words placed before one that cannot be would show twice, with the copy kept.
  if (!lost.every((entry) => canPlaceInCopy(doc, entry))) return false;
  for (const entry of lost) placeInCopy(doc, entry);
  doc.getMap<GaveWay>(GAVE_WAY_TYPE).set(idOf(block), gaveWay);
  return true;
}

/** The note of the copy that gave way which holds `block`, if it is in one. */
function gaveWayAround(doc: Doc, block: XmlText): GaveWay | null {
  const notes = doc.getMap<unknown>(GAVE_WAY_TYPE);
  for (let item = block._item; item !== null; item = (item.parent as XmlText)._item) {
    const note = notes.get(idOf(item));
    if (isGaveWay(note)) return note;
    if (!(item.parent instanceof XmlText)) break;
  }
  return null;
}

/**
 * Everyone else's side, for a block a remote transaction deleted: undefined if it is not in
 * a copy that gave way; else one's own words in it (typed, not restored by undo, and not
 * deleted before), to write into the winner's copy, or null if there are none.
 */
export function lostInGivenWay(
  block: XmlText,
  transaction: Transaction,
  restored: RestoredItems,
): { lost: Lost; isPlaceable: boolean } | null | undefined {
  const { doc } = transaction;
  const gaveWay = gaveWayAround(doc, block);
  if (gaveWay === null) return undefined;
  // Live until this transaction deleted the copy.
  const isLive = (item: Item): boolean => !item.deleted || isDeleted(transaction.deleteSet, item.id);
  const isOwn = (item: Item): boolean =>
    isOwnClient(doc, item.id.client) && isLive(item) && !restored.has(item.id.client, item.id.clock);
  const lost = lostOf(doc, block, gaveWay, isOwn, isLive);
  return lost === null ? null : { lost, isPlaceable: true };
}
