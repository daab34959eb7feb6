/**
 * The image nodes of the document as the images plugin needs them (SPEC: Files (images)):
 * their data, kept current from Lexical's mutations; a source the server would refuse is
 * dealt with before it reaches the shared document (a `data:` picture becomes an upload of
 * its own in place, anything else is removed); and the nodes showing a refused upload go.
 */
import { mergeRegister } from '@lexical/utils';
import { $isImageNode, ImageNode } from '@quire/shared/lexical';
import { isAllowedImageSrc } from '@quire/shared';
import { $getNodeByKey, $getRoot, $isElementNode, type LexicalEditor, type NodeKey } from 'lexical';
import { useEffect, useState } from 'react';
import type { ImageFiles } from '../image-files.js';

export interface ImageData {
  src: string;
  altText: string;
  width: number | null;
}

export function useImageNodes(
  editor: LexicalEditor,
  docName: string,
  images: ImageFiles | undefined,
): ReadonlyMap<NodeKey, ImageData> {
  const [nodes, setNodes] = useState<ReadonlyMap<NodeKey, ImageData>>(new Map());
  useEffect(() => {
    const onMutations = (mutations: Map<NodeKey, string>): void => {
      const changes = editor.getEditorState().read(() =>
        [...mutations].map(([key, mutation]) => {
          const node = mutation === 'destroyed' ? null : $getNodeByKey(key);
          return [key, $isImageNode(node) ? dataOf(node) : null] as const;
        }),
      );
      setNodes((previous) => applyChanges(previous, changes));
    };
    return mergeRegister(
      editor.registerNodeTransform(ImageNode, (node) => $keepAllowed(node, docName, images)),
      editor.registerMutationListener(ImageNode, onMutations, { skipInitialization: false }),
    );
  }, [editor, docName, images]);
  return nodes;
}

function applyChanges(
  previous: ReadonlyMap<NodeKey, ImageData>,
  changes: ReadonlyArray<readonly [NodeKey, ImageData | null]>,
): ReadonlyMap<NodeKey, ImageData> {
  const next = new Map(previous);
  for (const [key, data] of changes) {
    if (data === null) next.delete(key);
    else next.set(key, data);
  }
  return next;
}

function $keepAllowed(node: ImageNode, docName: string, images: ImageFiles | undefined): void {
  const src = node.getSrc();
  if (isAllowedImageSrc(src, docName)) return;
  const bytes = dataUrlBytes(src);
  const adopted = bytes === undefined ? undefined : images?.addBytes(bytes);
  if (adopted === undefined) node.remove();
  else node.setSrc(adopted);
}

/** Pasted data: images of the accepted types, up to about the default upload limit. */
const DATA_URL = /^data:image\/(?:png|jpeg|gif|webp);base64,([A-Za-z0-9+/=]+)$/;
const MAX_DATA_URL_LENGTH = 14_000_000;

function dataUrlBytes(src: string): Uint8Array | undefined {
  if (src.length > MAX_DATA_URL_LENGTH) return undefined;
  const match = DATA_URL.exec(src);
  if (!match) return undefined;
  try {
    return Uint8Array.from(atob(match[1]!), (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

function dataOf(node: ImageNode): ImageData {
  return { src: node.getSrc(), altText: node.getAltText(), width: node.getWidth() };
}

/** Removes every image showing `src` (its upload was refused). */
export function removeImages(editor: LexicalEditor, src: string): void {
  editor.update(() => {
    const pending = [...$getRoot().getChildren()];
    for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
      if ($isImageNode(node) && node.getSrc() === src) node.remove();
      else if ($isElementNode(node)) pending.push(...node.getChildren());
    }
  });
}
