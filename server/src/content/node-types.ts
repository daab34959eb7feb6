import { QUIRE_NODES } from '@quire/shared/lexical';

/**
 * Node attributes of a Quire document's Yjs tree whose values the editor acts on, and the
 * values it writes. A node's type (`__type`) must be Lexical's own or the editor's
 * (`QUIRE_NODES`): an editor that meets any other type while reading the tree throws and
 * shows the document empty. A heading or list `__tag` goes straight to
 * `document.createElement`, so any other value would put elements such as `<script>` or
 * `<input>` into every editor's page and into HTML exports.
 */
const ALLOWED_VALUES: ReadonlyMap<string, ReadonlySet<unknown>> = new Map([
  ['__type', new Set(['root', 'paragraph', 'text', 'linebreak', 'tab', ...QUIRE_NODES.map((node) => node.getType())])],
  ['__tag', new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ol', 'ul'])],
  ['__listType', new Set(['bullet', 'number', 'check'])],
]);

/** Whether `value` is one the editor writes for attribute `key` (any value for other keys). */
export function isAllowedAttribute(key: string, value: unknown): boolean {
  return ALLOWED_VALUES.get(key)?.has(value) ?? true;
}
