/**
 * A move whose copy is spread over several new blocks (issue 19, fuzz seed 13 at 48 steps).
 * Backspace at the start of a list's first item makes that item a paragraph and puts the
 * items after it into a new list (`@lexical/list` collapseAtStart): Yjs sees the list
 * deleted and its text written again into two new blocks. No one element holds that copy,
 * so the move went unnoted (concurrent-moves.ts), and someone who moved the same list at the
 * same moment (made it a quote, offline) kept their copy beside this one: every word of
 * the list showed twice.
 *
 * Here such a copy is found: the outermost blocks the move wrote, side by side in one
 * parent, whose written characters in document order hold the text the mover saw. A losing
 * copy is then deleted whole, or keeps the words the split copy, read as one, lacks.
 */
import { ContentType, XmlText, type AbstractType, type Doc, type Item } from 'yjs';
import { charactersWritten } from './copy-finder.js';
import { wordsOf } from './copy-reconcile.js';
import { writtenUnder } from './moved-copy.js';
import type { MoveNote } from './undone-moves.js';

const wroteItem = (item: Item | null, note: MoveNote): item is Item =>
  item !== null && item.id.client === note[0] && item.id.clock >= note[1] && item.id.clock < note[2];

/** The outermost block around `item` that `note` wrote, if its parent block is one. */
function newBlockAround(item: Item, note: MoveNote): Item | null {
  let block: Item | null = null;
  for (let parent = item.parent as AbstractType<unknown>; parent instanceof XmlText;) {
    const around = parent._item;
    if (!wroteItem(around, note) || around.deleted) break;
    block = around;
    parent = around.parent as AbstractType<unknown>;
  }
  return block;
}

/** The new blocks holding written characters, in document order, if they share one parent. */
function blocksInOrder(written: Set<Item>, note: MoveNote): Item[] | null {
  const blocks = new Set<Item>();
  for (const item of written) {
    const block = newBlockAround(item, note);
    if (block !== null) blocks.add(block);
  }
  const parents = new Set(Array.from(blocks, (block) => block.parent));
  if (blocks.size < 2 || parents.size !== 1) return null;
  const parent = [...parents][0] as XmlText;
  const ordered: Item[] = [];
  for (let item = parent._start; item !== null; item = item.right) if (blocks.has(item)) ordered.push(item);
  return ordered;
}

/** The blocks `note` wrote that together hold `seen` as one run (two or more), else null. */
export function locateSplitCopy(seen: string, written: Set<Item>, note: MoveNote): Item[] | null {
  const blocks = seen === '' ? null : blocksInOrder(written, note);
  if (blocks === null) return null;
  let text = '';
  const spans = blocks.map((block) => {
    const start = text.length;
    text += writtenUnder((block.content as ContentType).type as XmlText, written).text;
    return { block, start, end: text.length };
  });
  const found = text.indexOf(seen);
  if (found < 0) return null;
  const holding = spans.filter((span) => span.start < found + seen.length && span.end > found);
  return holding.length < 2 ? null : holding.map((span) => span.block);
}

/** The words of the blocks `note` wrote side by side, read as one copy (none unless two or more). */
export function splitCopyWords(doc: Doc, note: MoveNote): string[][] {
  const blocks = blocksInOrder(charactersWritten(doc, note[0], note[1], note[2]), note);
  if (blocks === null) return [];
  return [blocks.flatMap((block) => wordsOf((block.content as ContentType).type as XmlText))];
}
