/**
 * Deleting one's own characters by their clocks, when undo may have written them back (issue
 * 19, fuzz seed 13 at 48 steps; used by concurrent-moves.ts). A losing copy made of characters
 * (text a Word paste carried out of a list item) gives way by deleting the characters its move
 * wrote. If one then pressed Enter in that text and undid it, the Enter deleted those
 * characters and the undo wrote them back as new ones (Yjs notes each old item's `redone`):
 * deleting by the old clocks missed them, and the text showed beside the winner's copy.
 */
import { ContentString, getItem, Item, type Doc, type ID, type XmlText } from 'yjs';

/** How many undo/redo round trips of one character are followed. */
const MAX_REDONE = 16;

type Range = [start: number, end: number];

/** The clock undo (or redo) wrote `clock` of `client` back at, following round trips; null if not written back. */
function writtenBackAt(doc: Doc, id: ID): number | null {
  let clock: number | null = null;
  let current: ID = id;
  for (let step = 0; step < MAX_REDONE; step++) {
    const item = getItem(doc.store, current);
    if (!(item instanceof Item) || !item.deleted || item.redone === null) break;
    clock = item.redone.clock + current.clock - item.id.clock;
    current = { client: item.redone.client, clock };
  }
  return clock;
}

/** The clock ranges of `client`'s characters in `parent` written back for deleted ones in [start, end). */
function writtenBack(doc: Doc, parent: XmlText, client: number, [start, end]: Range): Range[] {
  const ranges: Range[] = [];
  for (let item = parent._start; item !== null; item = item.right) {
    if (!item.deleted || item.id.client !== client || !(item.content instanceof ContentString)) continue;
    const from = Math.max(item.id.clock, start);
    const to = Math.min(item.id.clock + item.length, end);
    const at = from < to && item.redone !== null ? writtenBackAt(doc, { client, clock: from }) : null;
    if (at !== null) ranges.push([at, at + to - from]);
  }
  return ranges;
}

/** Deletes `client`'s live characters in `parent` with clocks in [start, end), or written back for them. */
export function deleteOwnCharacters(doc: Doc, parent: XmlText, client: number, range: Range): void {
  const ranges = [range, ...writtenBack(doc, parent, client, range)];
  const parts: Array<[index: number, length: number]> = [];
  let index = 0;
  for (let item = parent._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    const { clock } = item.id;
    for (const [start, end] of item.id.client === client && item.content instanceof ContentString ? ranges : []) {
      const [from, to] = [Math.max(clock, start), Math.min(clock + item.length, end)];
      if (from < to) parts.push([index + from - clock, to - from]);
    }
    index += item.length;
  }
  for (const [at, length] of parts.sort((a, b) => b[0] - a[0])) parent.delete(at, length);
}
