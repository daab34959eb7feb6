/**
 * A text node a collaborator's change empties goes from the shared document too (issue 19).
 * Undo takes back only one's own characters (undo-scope.ts), so undoing words typed into
 * someone else's text node leaves that node's start (its Y.Map embed) with nothing after it.
 * Every page's Lexical then drops the empty node (normalization), but `@lexical/yjs` only
 * tells the shared document about nodes normalization merged, not ones it removed: the
 * collab node stayed in its block's children with no Lexical node behind it. The next remote
 * change that put the page's own caret back from its awareness state resolved it to that
 * node's key, Lexical threw (error #20) and the page dropped that change and every later one.
 *
 * So when a block's children are read from the shared document, each emptied plain text
 * node's embed is deleted there. The deletion comes back as an ordinary remote change within
 * the same Yjs update, which removes the collab node, before anything else can resolve to it.
 */
import { $isTextNode } from 'lexical';
import { ContentString, ContentType, type XmlText } from 'yjs';
import type { CollabBinding, CollabElementLike, CollabTextLike } from './binding-internals.js';
import { isCollabText } from './binding-internals.js';

/** Origin of the deletions: not one's own edit, so undo leaves them alone. */
export const EMPTIED_TEXT_ORIGIN = Symbol('quire.emptiedText');

/** An empty text node Lexical's normalization removes (plain, mergeable, not being composed). */
function isDroppedWhenEmpty(child: CollabTextLike, binding: CollabBinding): boolean {
  if (child._text !== '') return false;
  const node = child.getNode();
  if (!$isTextNode(node)) return false;
  const isComposing =
    (binding.editor as unknown as { _compositionKey: string | null })._compositionKey === node.getKey();
  return node.isSimpleText() && !node.isUnmergeable() && !isComposing;
}

/** Each text node embed of `text` (its Y.Map) → where it sits and the characters after it. */
function embedsOf(text: XmlText): Map<object, { index: number; chars: string }> {
  const embeds = new Map<object, { index: number; chars: string }>();
  let current: { index: number; chars: string } | undefined;
  let index = 0;
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    if (item.content instanceof ContentString) {
      if (current !== undefined) current.chars += item.content.str;
    } else {
      current = item.content instanceof ContentType ? { index, chars: '' } : undefined;
      if (current !== undefined) embeds.set((item.content as ContentType).type, current);
    }
    index += item.length;
  }
  return embeds;
}

/**
 * Deletes the embeds of this block's emptied text nodes from its shared text (read in a
 * Lexical update). Only when every text node of the block holds what the shared text says:
 * a node whose characters another's embed now heads (two people giving dangling characters
 * a text node, dangling-text.ts) still shows them, and Lexical normalizing the block then
 * would delete them by the node's stale text.
 */
export function $dropEmptiedText(block: CollabElementLike, binding: CollabBinding): void {
  const texts = block._children.filter(isCollabText);
  const emptied = texts.filter((child) => isDroppedWhenEmpty(child, binding));
  if (emptied.length === 0) return;
  const text = block._xmlText;
  const embeds = embedsOf(text);
  if (!texts.every((child) => embeds.get(child._map)?.chars === child._text)) return;
  const indices = emptied.map((child) => embeds.get(child._map)!.index);
  text.doc!.transact(() => {
    // From the end, so the earlier indices stay right.
    for (const index of indices.sort((a, b) => b - a)) text.delete(index, 1);
  }, EMPTIED_TEXT_ORIGIN);
}
