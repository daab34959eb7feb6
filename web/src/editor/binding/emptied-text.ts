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

/** Deletes the embeds of this block's emptied text nodes from its shared text (read in a Lexical update). */
export function $dropEmptiedText(block: CollabElementLike, binding: CollabBinding): void {
  const offsets = block._children
    .filter((child): child is CollabTextLike => isCollabText(child) && isDroppedWhenEmpty(child, binding))
    .map((child) => child.getOffset())
    .filter((offset) => offset >= 0);
  if (offsets.length === 0) return;
  block._xmlText.doc!.transact(() => {
    // From the end, so the earlier offsets stay right.
    for (const offset of offsets.reverse()) block._xmlText.delete(offset, 1);
  }, EMPTIED_TEXT_ORIGIN);
}
