/**
 * Where letters typed into a moved block land in the mover's copy, text node by text node
 * (issue 19; copy-finder.ts places them). Letters are placed by how many of the characters
 * the mover saw come before them. Letters right after such a character go right after its
 * copy, into the same text node. But letters that start a text node (bold ones after a
 * link, "see [here] **now**") follow no seen character of their own node: counted the same
 * way they would land at the end of the text before the link, in its node, without their
 * bold. So such letters go in front of the copy of the seen characters of their node that
 * follow them, or, when none do, after the elements (links) they followed, in a text node
 * like the one they were typed into.
 */
import { typedInto, type TextNodeProps } from '@quire/shared';
import { ContentString, ContentType, XmlText, type Item } from 'yjs';

/** The mover's copy as copy-finder.ts finds it (its `Copy`; repeated here, as it uses this module). */
interface Copy {
  parent: XmlText;
  /** The copied characters' items, where each starts in the joined text and in the parent. */
  segments: Array<{ item: Item; start: number; index: number }>;
  /** Where the seen text starts in the joined text. */
  found: number;
}

/** How letters that do not follow a seen character of their text node sat in the block. */
export interface PieceNode {
  /** The text node they were typed into. */
  props: TextNodeProps | null;
  /** Inline elements (links) the mover saw between the seen characters before them and them. */
  elements: number;
  /** Seen characters of their text node follow them. */
  beforeSeen: boolean;
  /** The seen text of the nearest of those elements (the link they follow), if any. */
  afterElement?: string;
}

const isElement = (item: Item): boolean => item.content instanceof ContentType && item.content.type instanceof XmlText;

/** What follows `last` (skipping `isOwn` letters and old deletions) is a seen character. */
function seenFollows(last: Item, isSeen: (item: Item) => boolean, isOwn: (item: Item) => boolean): boolean {
  let right = last.right;
  while (
    right !== null &&
    right.content instanceof ContentString &&
    !isSeen(right) &&
    (isOwn(right) || right.deleted)
  ) {
    right = right.right;
  }
  return right !== null && right.content instanceof ContentString && isSeen(right);
}

/** The characters of `element` the mover saw (read now: Yjs collects deleted ones). */
function seenText(element: XmlText, isSeen: (item: Item) => boolean): string {
  let text = '';
  for (let item = element._start; item !== null; item = item.right) {
    if (item.content instanceof ContentString && isSeen(item)) text += item.content.str;
  }
  return text;
}

/**
 * For letters starting with `first`: undefined when they follow a seen character (or only
 * deleted items before one), else how they sat (what follows `first` is read through `isOwn`).
 */
export function pieceNodeOf(
  first: Item,
  isSeen: (item: Item) => boolean,
  isOwn: (item: Item) => boolean,
): PieceNode | undefined {
  let startsNode = false;
  let elements = 0;
  let afterElement: string | undefined;
  for (let left = first.left; left !== null; left = left.left) {
    if (left.content instanceof ContentString && (isSeen(left) || !left.deleted)) break;
    if (isElement(left) && isSeen(left)) {
      afterElement ??= seenText((left.content as ContentType).type as XmlText, isSeen);
      elements++;
    } else if (left.content instanceof ContentType && !isElement(left)) startsNode = true;
  }
  if (!startsNode && elements === 0) return undefined;
  return { props: typedInto(first), elements, beforeSeen: seenFollows(first, isSeen, isOwn), afterElement };
}

/** Index in `parent` of the first live item at or after `index` that is not one of `count` elements. */
function skipElements(parent: XmlText, index: number, count: number): number {
  let at = 0;
  let left = count;
  for (let item = parent._start; item !== null && left > 0; item = item.right) {
    if (item.deleted || !item.countable) continue;
    if (at > index || (at === index && !isElement(item))) break;
    if (at === index) {
      left--;
      index++;
    }
    at += item.length;
  }
  return index;
}

/** Index where the copy's content starts: the maps and elements in front of the character at `pos`. */
function copyStart(copy: Copy, pos: number): number {
  const segment = copy.segments.find((seg) => pos < seg.start + seg.item.length) ?? copy.segments[0]!;
  let index = segment.index + Math.max(0, pos - segment.start);
  if (pos > segment.start) return index;
  for (let item = segment.item.left; item !== null; item = item.left) {
    if (item.deleted || !item.countable) continue;
    if (!(item.content instanceof ContentType)) break;
    index -= item.length;
  }
  return index;
}

export interface Place {
  index: number;
  /** Set when the letters need a text node of their own, like this one (null: a plain one). */
  props?: TextNodeProps | null;
}

/** Where letters `at` seen characters into the copy go. */
export function placeIn(copy: Copy, at: number, node: PieceNode | undefined): Place {
  const pos = copy.found + at;
  if (node?.beforeSeen === true) {
    const next = copy.segments.find((seg) => pos < seg.start + seg.item.length);
    if (next !== undefined) return { index: next.index + pos - next.start };
  }
  const prev = copy.segments.find((seg) => pos <= seg.start + seg.item.length)!;
  const after = prev.index + pos - prev.start;
  if (node === undefined) return { index: after };
  const from = at === 0 ? copyStart(copy, pos) : after;
  return { index: skipElements(copy.parent, from, node.elements), props: node.props };
}
