/**
 * Text node merges Lexical's normalization made in an update that has not committed yet
 * (issue 19). `@lexical/yjs` writes them to the shared document, and drops the merged-away
 * node's collab node, only when the update commits. A sync started before that (the echo of
 * an embed dangling-text.ts wrote) puts the page's own caret back from its awareness state
 * through the collab tree, which still lists the merged-away node: the caret got that node's
 * key, Lexical threw (error #20) and the page dropped that change and every later one
 * (editing fuzz, seed 122).
 *
 * So such a sync writes the pending merges first, as the commit would: the merged-away
 * node's embed goes from its block (its characters then follow the node it joined), its
 * collab node goes, and the node it joined takes the merged text. At commit the same work
 * finds nothing left to do.
 */
import { $isTextNode, type LexicalEditor } from 'lexical';
import type { CollabBinding } from './binding-internals.js';
import { isCollabText } from './binding-internals.js';

/** Writes the merges of the pending update to the shared document (in a Lexical update). */
export function $writePendingMerges(binding: CollabBinding): void {
  const { _normalizedNodes: keys } = binding.editor as LexicalEditor & { _normalizedNodes: Set<string> };
  const texts = [...keys].map((key) => binding.collabNodeMap.get(key)).filter((collab) => collab !== undefined);
  // The merged-away nodes first: their offsets count the joined nodes' old text.
  for (const collab of texts.filter(isCollabText)) {
    if (collab.getNode() !== null) continue;
    const offset = collab.getOffset();
    if (offset === -1) continue;
    const block = collab._parent;
    // The binding's own origin, as at commit: the tree observer does not read it back.
    block._xmlText.doc!.transact(() => block._xmlText.delete(offset, 1), binding);
    (collab as typeof collab & { _normalized: boolean })._normalized = true;
    binding.collabNodeMap.delete(collab._key);
    block._children.splice(block._children.indexOf(collab), 1);
  }
  for (const collab of texts.filter(isCollabText)) {
    const node = collab.getNode();
    if ($isTextNode(node)) collab._text = node.getTextContent();
  }
}
