/**
 * A text node split in the middle keeps the letters after the split where they are (issue 19).
 * A Tab, a line break (Shift+Enter, Enter in a code block), a bold letter or a paste put in the
 * middle of a text node cut it into new text nodes; `@lexical/yjs` writes that as "delete the
 * letters after the caret, write them again in a new text node" under the splitter's name.
 * Words others typed there meanwhile then were already deleted when a collaborator's move of
 * the block arrived, and the rescue (moved-text-rescue.ts) could not tell them from what the
 * mover saw: they were lost (the seeded fuzz, seed 148 at 48 steps, all actions).
 *
 * Here the old node keeps the letters it still starts with, each new text node holding later
 * letters of it gets only a Y.Map embed (its start) in front of them, with the letters put at
 * its start (a paste merged into it) written after the embed; letters the edit removed (a
 * selection typed over) are deleted. What was put at the split (a tab, a line break, a
 * picture, pasted words) is left for the binding's own diff, which inserts it at its place,
 * as it appends what was typed at the end of the old node.
 */
import { $getNodeByKey, $isElementNode, $isTextNode, type LexicalNode, type NodeKey, type TextNode } from 'lexical';
import type { CollabTextLike } from './binding-internals.js';
import { insertTextPart, type SplitPass } from './inline-split.js';

/** A new text node holding later letters of the old one, after `fresh` letters put at its start. */
interface Part {
  key: NodeKey;
  fresh: string;
}

interface Split {
  /** How many of the old node's letters it keeps. */
  kept: number;
  /** How many letters after those the edit removed. */
  removed: number;
  parts: Part[];
}

const commonPrefix = (a: string, b: string): number => {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
};

const commonSuffix = (a: string, b: string): number => {
  let length = 0;
  while (length < a.length && length < b.length && a[a.length - 1 - length] === b[b.length - 1 - length]) length++;
  return length;
};

/**
 * How `whole` (the old node's letters) was cut into `head` (what it holds now) and the new
 * nodes `added`, matched from the end: the last letters go to the last new text nodes that
 * end with them, the first of those may start with letters of its own; new nodes before and
 * between them were put there (null: not such a split).
 */
function splitOf(pass: SplitPass, whole: string, head: string, added: NodeKey[]): Split | null {
  const kept = commonPrefix(whole, head);
  if (kept === whole.length) return null;
  const parts: Part[] = [];
  let end = whole.length;
  let isFirstFound = false;
  for (let i = added.length - 1; i >= 0; i--) {
    const node = $getNodeByKey(added[i]!);
    if (node === null || pass.prevNodeMap.has(added[i]!)) return null;
    if ($isElementNode(node)) {
      if (parts.length > 0) return null;
      continue;
    }
    if (!$isTextNode(node) || node.__text === '' || isFirstFound) continue;
    const shared = commonSuffix(whole.slice(kept, end), node.__text);
    if (shared === 0) continue;
    const fresh = node.__text.slice(0, node.__text.length - shared);
    parts.unshift({ key: node.__key, fresh });
    end -= shared;
    isFirstFound = fresh !== '';
  }
  return parts.length === 0 ? null : { kept, removed: end - kept, parts };
}

/** Writes `parts` from `offset` on (the letters they keep are there): an embed each, and its own first letters. */
function writeParts(pass: SplitPass, like: CollabTextLike, parts: Part[], index: number, offset: number): void {
  for (const { key, fresh } of parts) {
    insertTextPart(pass, like, index++, offset, key);
    if (fresh !== '') pass.collab._xmlText.insert(offset + 1, fresh);
    offset += 1 + ($getNodeByKey(key) as TextNode).__text.length;
  }
}

/** Leaves in `added` what the binding still has to write. */
function dropWritten(added: NodeKey[], parts: Part[]): void {
  const written = new Set(parts.map((part) => part.key));
  added.splice(0, added.length, ...added.filter((key) => !written.has(key)));
}

/**
 * New text nodes cut from `anchor` (`head`: the text it holds now), written in place.
 * `setText` records the anchor's kept text in the pass's view (the binding writes what was
 * typed after it); what is left in `added` is for the binding to write.
 */
export function splitInPlace(
  pass: SplitPass,
  anchor: CollabTextLike,
  head: string,
  added: NodeKey[],
  setText: (text: string) => void,
): void {
  const split = splitOf(pass, anchor._text, head, added);
  if (split === null) return;
  const offset = anchor.getOffset() + 1 + split.kept;
  if (split.removed > 0) pass.collab._xmlText.delete(offset, split.removed);
  anchor._text = anchor._text.slice(0, split.kept);
  setText(anchor._text);
  writeParts(pass, anchor, split.parts, pass.collab._children.indexOf(anchor) + 1, offset);
  dropWritten(added, split.parts);
}

/**
 * A text node replaced by new ones holding its last letters (its first letters typed over in
 * another format): its embed becomes the start of the first of them, its letters stay; the
 * binding writes what was put before. Returns whether it did so (`old` then holds that node's key).
 */
export function keepRestOfReplacedStart(pass: SplitPass, old: CollabTextLike, added: NodeKey[]): boolean {
  const split = splitOf(pass, old._text, '', added);
  const prev = pass.prevNodeMap.get(old._key);
  if (split === null || prev === undefined) return false;
  const [first, ...rest] = split.parts;
  const node = $getNodeByKey(first!.key) as TextNode;
  if (node.__type !== old._type) return false;
  const offset = old.getOffset() + 1;
  if (split.removed > 0) pass.collab._xmlText.delete(offset, split.removed);
  if (first!.fresh !== '') pass.collab._xmlText.insert(offset, first!.fresh);
  const map = pass.binding.collabNodeMap;
  if (map.get(old._key) === old) map.delete(old._key);
  old._key = node.__key;
  old._text = node.__text;
  map.set(node.__key, old);
  pass.views.set(
    node.__key,
    Object.assign(Object.create(prev) as LexicalNode, { __key: node.__key, __text: node.__text }),
  );
  writeParts(pass, old, rest, pass.collab._children.indexOf(old) + 1, offset + node.__text.length);
  dropWritten(added, split.parts);
  return true;
}
