import type { ImageNode } from '@quire/shared/lexical';
import { nodeSchema } from '@quire/shared';
import type { SerializedLexicalNode } from 'lexical';

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
