import { $createImageNode, $isImageNode } from '@quire/shared/lexical';
import { $getRoot, $isElementNode, type LexicalNode } from 'lexical';
import * as Y from 'yjs';
import { openSessionFromState } from '../src/content/headless.js';

/** Updates the editor's own binding writes for images (SPEC: Files (images)). */

/** The update of someone inserting an image with `src` at the end of the document. */
export function insertImageUpdate(state: Uint8Array, src: string, altText = 'a picture'): Uint8Array {
  return editorUpdate(state, () => {
    $getRoot()
      .selectEnd()
      .insertNodes([$createImageNode({ src, altText, width: 200 })]);
  });
}

/** The update of someone changing the first image's source to `src`. */
export function changeImageSrcUpdate(state: Uint8Array, src: string): Uint8Array {
  return editorUpdate(state, () => {
    const image = firstImage($getRoot());
    if (!image) throw new Error('no image in the document');
    image.setSrc(src);
  });
}

function firstImage(node: LexicalNode): ReturnType<typeof $createImageNode> | undefined {
  if ($isImageNode(node)) return node;
  if (!$isElementNode(node)) return undefined;
  for (const child of node.getChildren()) {
    const found = firstImage(child);
    if (found) return found;
  }
  return undefined;
}

function editorUpdate(state: Uint8Array, change: () => void): Uint8Array {
  const session = openSessionFromState(state);
  const updates: Uint8Array[] = [];
  session.doc.on('update', (update: Uint8Array) => updates.push(update));
  try {
    session.editor.update(change, { discrete: true });
  } finally {
    session.dispose();
  }
  return Y.mergeUpdates(updates);
}
