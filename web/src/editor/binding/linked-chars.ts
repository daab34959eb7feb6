/**
 * Which characters a link took out of its block (issue 19, concurrent-links.ts). Linking
 * words deletes their characters from the block and writes a link holding a copy of them:
 * right after the last of them when the link starts inside a text node, or right before the
 * text node's start when it takes the node's first words (inline-split.ts keeps that start
 * for the rest of the node). Two links that took some of the same characters are rivals.
 */
import { ContentString, ContentType, Map as YMap, type ID, type Item } from 'yjs';

/** Whether `item` holds the character `id`. */
const holds = (item: Item, id: ID | null): boolean =>
  id !== null && item.id.client === id.client && item.id.clock <= id.clock && id.clock < item.id.clock + item.length;

/** Whether `item` is a text node's start (its Y.Map embed). */
const isTextStart = (item: Item): boolean => item.content instanceof ContentType && item.content.type instanceof YMap;

/**
 * Whether the deleted `item`, its content collected, was a node written between two
 * characters written one after the other: the start of a text node cut out of a run
 * (inline-split.ts), not one of the run's characters.
 */
function wasStartInRun(item: Item): boolean {
  const [left, right] = [item.origin, item.rightOrigin];
  if (item.length !== 1 || left === null || right === null) return false;
  return left.client === right.client && left.clock + 1 === right.clock;
}

/**
 * Up to `count` deleted characters from `start`'s `from`-th on, going left (`step` −1) or
 * right (1), as "client:clock" in the block's order. A deleted character's content may be
 * collected, so a deleted item counts unless it is a node; nodes are passed over, live text
 * ends them.
 */
function deletedChars(start: Item, from: number, count: number, step: 1 | -1): string[] {
  const ids: string[] = [];
  for (let item: Item | null = start; item !== null && ids.length < count; item = step < 0 ? item.left : item.right) {
    if (!item.deleted && item.content instanceof ContentString) break;
    if (!item.deleted || item.content instanceof ContentType) continue;
    if (!(item.content instanceof ContentString) && wasStartInRun(item)) continue;
    let at = item === start ? from : step < 0 ? item.length - 1 : 0;
    for (; at >= 0 && at < item.length && ids.length < count; at += step)
      ids.push(`${item.id.client}:${item.id.clock + at}`);
  }
  return step < 0 ? ids.reverse() : ids;
}

/**
 * The characters the link `link` (holding `count` of them) took out of its block, in order:
 * those just before it when it was written after the last of them, those after the text-node
 * start it was written before, none otherwise.
 */
export function linkedChars(link: Item, count: number): string[] {
  for (let left = link.left; left !== null; left = left.left) {
    if (holds(left, link.origin)) {
      if (left.deleted) return deletedChars(left, link.origin!.clock - left.id.clock, count, -1);
      break;
    }
  }
  for (let right = link.right; right !== null; right = right.right) {
    if (!holds(right, link.rightOrigin)) continue;
    // A start deleted since (someone's link emptied the rest) is no longer known as one.
    if (!right.deleted && !isTextStart(right)) break;
    return deletedChars(right, link.rightOrigin!.clock - right.id.clock + 1, count, 1);
  }
  return [];
}
