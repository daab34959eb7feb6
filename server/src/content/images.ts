import type { ImageNode } from '@quire/shared/lexical';
import { nodeSchema } from '@quire/shared';
import type { SerializedLexicalNode } from 'lexical';
import * as Y from 'yjs';

/**
 * Images in content that did not come through the editor (SPEC: Files (images)): an image
 * may sit only where the editor puts one (nodeSchema('image').parents), so one inside a link
 * moves out behind it and one anywhere else is dropped; and the sources a block list holds,
 * for the caller who knows the document to check.
 */
const IMAGE_PARENTS = nodeSchema('image')?.parents ?? new Set<string>();

export function $placeImage(node: ImageNode): void {
  const parent = node.getParent();
  if (parent === null || IMAGE_PARENTS.has(parent.getType())) return;
  const grandparent = parent.getParent();
  if (grandparent !== null && IMAGE_PARENTS.has(grandparent.getType())) parent.insertAfter(node);
  else node.remove();
}

/** Every image source in `blocks` (serialised Lexical nodes), in document order. */
export function imageSourcesOf(blocks: readonly SerializedLexicalNode[]): string[] {
  const sources: string[] = [];
  const pending = [...blocks].reverse();
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const fields = node as SerializedLexicalNode & { src?: unknown; children?: SerializedLexicalNode[] };
    if (fields.type === 'image') sources.push(typeof fields.src === 'string' ? fields.src : '');
    if (Array.isArray(fields.children)) pending.push(...[...fields.children].reverse());
  }
  return sources;
}

/**
 * Every image source in a stored Yjs state, read from the shared types without Lexical: an
 * image is an `XmlElement` embedded in an element's text, its source the `__src` attribute.
 */
export function imageSourcesInState(state: Uint8Array): string[] {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const sources: string[] = [];
    const pending: Y.XmlText[] = [doc.get('root', Y.XmlText)];
    for (let text = pending.pop(); text !== undefined; text = pending.pop()) {
      for (const op of text.toDelta() as Array<{ insert: unknown }>) {
        if (op.insert instanceof Y.XmlText) pending.push(op.insert);
        const src: unknown = op.insert instanceof Y.XmlElement ? op.insert.getAttribute('__src') : undefined;
        if (typeof src === 'string') sources.push(src);
      }
    }
    return sources;
  } finally {
    doc.destroy();
  }
}
