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

/**
 * Node attributes the editor turns into the element it creates, and the values it writes:
 * a heading or list `__tag` goes straight to `document.createElement`, so any other value
 * would put elements such as `<script>` or `<input>` into every editor's page and into
 * HTML exports.
 */
const ELEMENT_ATTRIBUTES: ReadonlyMap<string, ReadonlySet<unknown>> = new Map([
  ['__tag', new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ol', 'ul'])],
  ['__listType', new Set(['bullet', 'number', 'check'])],
]);

/** Whether `value` is one the editor writes for attribute `key` (any value for other keys). */
export function isAllowedAttribute(key: string, value: unknown): boolean {
  return ELEMENT_ATTRIBUTES.get(key)?.has(value) ?? true;
}
