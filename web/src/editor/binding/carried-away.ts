/**
 * Moves of blocks inside a block one moved, made by someone else at the same moment (issue 19,
 * fuzz seed 13 at 48 steps; used by concurrent-moves.ts). Enter in a list item, or a paste of
 * paragraphs, carries the text after the caret out of the item and is noted under the item's
 * id (carried-text.ts); someone offline who made the whole list a quote noted the list's id.
 * The two notes never meet under one key, so:
 *
 * - When the quote lost (to a later move of the list by the one who pressed Enter: Backspace
 *   at its start), it kept the carried words, which the winning copy lacks, while the text
 *   carried out of the list held them too: they showed twice. A losing copy now also gives up
 *   the words its move copied that are found where the author of an unseen move of a block
 *   inside the moved block, or the winner's author, wrote unseen (the carried text, or where a
 *   paste carried it on).
 * - When the quote won, the one who carried text out of the item gives way to it
 *   (carried-in-moved.ts), which needs to know the item sat in the list. The list, deleted on
 *   one's own page by one's own later move, is garbage collected then and no longer says so.
 *
 * So where each of one's moved blocks sat, what it held and what this editor had seen are
 * kept from the moment of the move.
 */
import {
  ContentType,
  getState,
  isDeleted,
  XmlText,
  type Doc,
  type Item,
  type Map as YMap,
  type Transaction,
} from 'yjs';
import { charactersWritten } from './copy-finder.js';
import { keepUnmatchedWords, wordsOf } from './copy-reconcile.js';
import { keysAround } from './move-chains.js';
import { isNote } from './move-note-format.js';
import { itemOf, type MoveNote } from './undone-moves.js';

interface Shape {
  /** Keys of the blocks around the moved block, innermost first. */
  around: string[];
  /** Keys of the blocks inside it when it moved. */
  inner: string[];
  /** The clock this editor had of each client before the move. */
  before: Map<number, number>;
}

const blockOf = (item: Item | null): XmlText | null =>
  item !== null && item.content instanceof ContentType && item.content.type instanceof XmlText
    ? item.content.type
    : null;

/** Keys of the blocks inside `block` that were live before `transaction` (which may have deleted them). */
function innerKeys(block: XmlText, transaction: Transaction, into: string[] = []): string[] {
  for (let item = block._start; item !== null; item = item.right) {
    const inner = blockOf(item);
    if (inner === null || (item.deleted && !isDeleted(transaction.deleteSet, item.id))) continue;
    into.push(`${item.id.client}:${item.id.clock}`);
    innerKeys(inner, transaction, into);
  }
  return into;
}

/** The block right under the root that holds `type`, or null for the root itself. */
function topBlockOf(type: XmlText): XmlText | null {
  let block = type;
  for (
    let parent = block._item?.parent;
    parent instanceof XmlText && parent._item !== null;
    parent = block._item?.parent
  ) {
    block = parent;
  }
  return block._item === null ? null : block;
}

/** The top-level blocks holding live characters each author wrote from its clock on, but `except`. */
function blocksWrittenSince(doc: Doc, since: Map<number, number>, except: Set<XmlText | null>): Set<XmlText> {
  const places = new Set<XmlText>();
  for (const [client, start] of since) {
    for (const item of charactersWritten(doc, client, start, getState(doc.store, client))) {
      const place = item.parent instanceof XmlText ? topBlockOf(item.parent) : null;
      if (place !== null && !except.has(place)) places.add(place);
    }
  }
  return places;
}

/** Where one's moved blocks sat and what they held, by the moved block's key. */
export class MoveShapes {
  private readonly shapes = new Map<string, Shape>();

  /** Keeps the shape of the block `key` names, as a local `transaction` moved it (or carried text out of it). */
  note(doc: Doc, key: string, transaction: Transaction): void {
    const block = blockOf(itemOf(doc, key));
    // A block brought back by undo was garbage collected long ago: its earlier shape stays.
    if (block === null) return;
    const inner = innerKeys(block, transaction);
    this.shapes.set(key, { around: keysAround(block).slice(1), inner, before: transaction.beforeState });
  }

  /** Keys of the blocks around the block `key` names when one moved it (none if unknown). */
  around(key: string): string[] {
    return this.shapes.get(key)?.around ?? [];
  }

  delete(key: string): void {
    this.shapes.delete(key);
  }

  /**
   * One's move of the block `key` lost to `winner`, its copy now `blocks` (written by `note`):
   * when someone moved a block inside it unseen by this editor, each block gives up the words
   * `note` copied that are found where they, or the winner's author, wrote since this editor
   * last heard from them (a later note may have replaced the mover's own: the winner's author
   * may be the one who carried the text out).
   */
  dropCarriedAway(doc: Doc, notes: YMap<unknown>, key: string, note: MoveNote, blocks: Item[], winner: MoveNote): void {
    const shape = this.shapes.get(key);
    if (shape === undefined) return;
    const since = new Map<number, number>();
    const unseen = (client: number): void => void since.set(client, shape.before.get(client) ?? 0);
    for (const inner of shape.inner) {
      const rival = notes.get(inner);
      if (isNote(rival) && rival[0] !== doc.clientID && rival[1] >= (shape.before.get(rival[0]) ?? 0)) unseen(rival[0]);
    }
    if (since.size === 0) return;
    if (winner[0] !== doc.clientID) unseen(winner[0]);
    const own = new Set(blocks.map((block) => topBlockOf(blockOf(block)!)));
    const isCopied = (item: Item): boolean =>
      item.id.client === note[0] && item.id.clock >= note[1] && item.id.clock < note[2];
    for (const place of blocksWrittenSince(doc, since, own)) {
      const words = [wordsOf(place)];
      for (const block of blocks) if (!block.deleted) keepUnmatchedWords(block, words, isCopied);
    }
  }
}
