import { QUIRE_NODES } from '@quire/shared/lexical';

/**
 * The node types a Quire document's Yjs tree may name (`__type` of each node): Lexical's own
 * and the editor's (`QUIRE_NODES`). An editor that meets any other type while reading the
 * tree throws and shows the document empty, so updates naming one are refused.
 */
const NODE_TYPES: ReadonlySet<string> = new Set([
  'root',
  'paragraph',
  'text',
  'linebreak',
  'tab',
  ...QUIRE_NODES.map((node) => node.getType()),
]);

/** The attribute (and text-node map key) under which the Lexical binding stores a node's type. */
export const NODE_TYPE_KEY = '__type';

export function isKnownNodeType(type: unknown): boolean {
  return typeof type === 'string' && NODE_TYPES.has(type);
}
