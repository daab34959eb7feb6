/**
 * Finding the copy a move wrote of a block that holds inline elements (issue 19; used by
 * concurrent-moves.ts). The text a mover saw of a block runs through its links, and the
 * copy keeps each link as an element of its own, so no single element of the copy holds
 * that text as one run. Here, when no single element does, the copy is looked for in the
 * nearest element holding the text with what its nested elements hold, in document order.
 */
import { ContentString, ContentType, XmlText, type AbstractType, type Item } from 'yjs';
import { locateCopy, type Copy, type Segment } from './copy-finder.js';

/** How far above a written character its copy is looked for (a link in a list item in a list). */
const MAX_DEPTH = 4;

/** The written characters in `element` and its nested elements, in document order. */
export function writtenUnder(
  element: XmlText,
  written: Set<Item>,
  into: { text: string; segments: Segment[] } = { text: '', segments: [] },
): { text: string; segments: Segment[] } {
  for (let item = element._start; item !== null; item = item.right) {
    if (written.has(item)) {
      // A nested character's place in its own parent is not needed here: `index` is unset.
      into.segments.push({ item, start: into.text.length, index: -1 });
      into.text += (item.content as ContentString).str;
    } else if (!item.deleted && item.content instanceof ContentType && item.content.type instanceof XmlText) {
      writtenUnder(item.content.type, written, into);
    }
  }
  return into;
}

/** Live elements holding written characters, nearest to a character first. */
function holders(written: Set<Item>): XmlText[] {
  const byDepth: XmlText[][] = [];
  for (const item of written) {
    let parent = item.parent as AbstractType<unknown>;
    for (let depth = 0; depth < MAX_DEPTH && parent instanceof XmlText; depth++) {
      if (parent._item === null || parent._item.deleted) break;
      (byDepth[depth] ??= []).push(parent);
      parent = parent._item.parent as AbstractType<unknown>;
    }
  }
  return [...new Set(byDepth.flat())];
}

/** Where `written` holds `seen` as one run: in one element, else with its nested elements. */
export function locateMovedCopy(seen: string, written: Set<Item>): Copy | null {
  const flat = locateCopy(seen, written);
  if (flat !== null || seen === '') return flat;
  for (const parent of holders(written)) {
    const { text, segments } = writtenUnder(parent, written);
    const found = text.indexOf(seen);
    if (found >= 0 && segments.length > 0) return { parent, segments, found };
  }
  return null;
}
