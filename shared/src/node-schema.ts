import { MAX_ALT_TEXT_LENGTH, MAX_IMAGE_WIDTH, isAllowedImageSrc } from './image-source.js';

/**
 * What a Quire document's Yjs tree may hold: the shape `@lexical/yjs` writes for the
 * editor's node list (`lexical-nodes.ts`), and nothing else (issue #18). The server
 * refuses updates that leave this shape, because Lexical shows a document it cannot read
 * as empty and every export of it fails.
 *
 * How the binding stores a Lexical tree: the top-level `XmlText` named `root` is the root
 * node. An element node is an `XmlText` embedded in its parent's text; its properties are
 * the text's attributes. A text-like node (text, tab, code highlight, line break) is a
 * `Map` of its properties, embedded in the parent's text just before its characters.
 * A decorator node (the horizontal rule, an image) is an `XmlElement` holding only its
 * properties as attributes, embedded in its parent's text. Every property the binding
 * syncs is listed below with the values the editor writes: `__style` and `__textStyle`
 * are always empty because no editor command sets a style, so a style can only come from
 * a hand-made update (fixed overlays, `url()` beacons). A decorator node (an image) is
 * an `XmlElement` whose attributes are its properties; it holds no children.
 */

/** The Yjs shared type a node is stored as: `XmlText`, `Map` or `XmlElement`. */
export type NodeKind = 'element' | 'leaf' | 'decorator';

/** What a check may need to know beyond the value: the document it is in (image sources). */
export interface ValueContext {
  docName?: string;
}

export type ValueCheck = (value: unknown, context?: ValueContext) => boolean;

export interface NodeSchema {
  kind: NodeKind;
  /** Every property the binding writes for this node, with the values the editor writes. */
  keys: Readonly<Record<string, ValueCheck>>;
  /** Node types this one may be a child of (`root` is the document itself). */
  parents: ReadonlySet<string>;
}

/** Deeper than any document the editor makes (lists nest at most 7 levels through the toolbar). */
export const MAX_NODE_DEPTH = 64;
const MAX_INDENT = 64;
/** Lexical's text format bits: bold … capitalize. */
const MAX_TEXT_FORMAT = 0b111_1111_1111;

const integer =
  (min: number, max: number): ValueCheck =>
  (value) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
const oneOf =
  (...values: unknown[]): ValueCheck =>
  (value) =>
    values.includes(value);
const isString: ValueCheck = (value) => typeof value === 'string';
const optional =
  (check: ValueCheck): ValueCheck =>
  (value) =>
    value === null || value === undefined || check(value);
const isBoolean: ValueCheck = (value) => typeof value === 'boolean';
const noStyle = oneOf('');

/**
 * Link targets a browser opens; `rel` is a list of plain link types without `opener`,
 * which would hand the opened page a handle on the editor's window.
 */
export const LINK_TARGETS: readonly string[] = ['_blank', '_self', '_parent', '_top'];
export function isSafeLinkRel(rel: string): boolean {
  return relTokens(rel).every(isSafeRelToken);
}

const relTokens = (rel: string): string[] => rel.toLowerCase().split(/\s+/).filter(Boolean);
const isSafeRelToken = (token: string): boolean => /^[a-z-]+$/.test(token) && token !== 'opener';

/**
 * A link's target and rel made safe, for content that does not come from the editor (HTML
 * and Markdown imports, exports): an unknown target is dropped, `opener` and odd tokens
 * leave rel, and a link opening a new window always has `noopener noreferrer`.
 */
export function safeLinkAttributes(
  target: string | null,
  rel: string | null,
): { target: string | null; rel: string | null } {
  const safeTarget = target !== null && LINK_TARGETS.includes(target) ? target : null;
  const tokens = new Set(relTokens(rel ?? '').filter(isSafeRelToken));
  if (safeTarget === '_blank') for (const token of ['noopener', 'noreferrer']) tokens.add(token);
  return { target: safeTarget, rel: tokens.size > 0 ? [...tokens].join(' ') : null };
}

const ELEMENT_KEYS: Record<string, ValueCheck> = {
  __format: integer(0, 6),
  __style: noStyle,
  __indent: integer(0, MAX_INDENT),
  __dir: oneOf(null, 'ltr', 'rtl'),
  __textFormat: integer(0, MAX_TEXT_FORMAT),
  __textStyle: noStyle,
};
const TEXT_KEYS: Record<string, ValueCheck> = {
  __format: integer(0, MAX_TEXT_FORMAT),
  __style: noStyle,
  __mode: integer(0, 2),
  __detail: integer(0, 3),
};
const LINK_KEYS: Record<string, ValueCheck> = {
  ...ELEMENT_KEYS,
  __url: isString,
  __target: optional(oneOf(...LINK_TARGETS)),
  __rel: optional((value) => typeof value === 'string' && isSafeLinkRel(value)),
  __title: optional(isString),
};

/**
 * Tables (`@lexical/table`): a table holds rows, a row holds cells, a cell holds blocks
 * (no nested tables: Lexical's table plugin does not make them). Spans are capped so a
 * hostile cell cannot make every editor build a table map of millions of slots; the editor
 * caps pasted spans the same way (web ContentRulesPlugin). Widths and heights are pixels,
 * from pasted HTML; the editor writes no cell colour, so `__backgroundColor` is null.
 */
export const MAX_TABLE_SPAN = 100;
export const MAX_TABLE_SIZE_PX = 10_000;
const MAX_TABLE_COLUMNS = 1000;
const pixels = optional((value) => typeof value === 'number' && value >= 0 && value <= MAX_TABLE_SIZE_PX);
const columnWidths = optional(
  (value) =>
    Array.isArray(value) &&
    value.length <= MAX_TABLE_COLUMNS &&
    value.every((width) => typeof width === 'number' && width >= 0 && width <= MAX_TABLE_SIZE_PX),
);
/** Lexical's TableCellHeaderStates bits: row, column. */
const MAX_HEADER_STATE = 0b11;

const BLOCK_PARENTS = new Set(['root', 'tablecell']);
const INLINE_PARENTS = new Set(['paragraph', 'heading', 'quote', 'listitem', 'code']);
const TEXT_PARENTS = new Set([...INLINE_PARENTS, 'link', 'autolink']);

const decorator = (parents: ReadonlySet<string>): NodeSchema => ({ kind: 'decorator', keys: {}, parents });
const element = (parents: ReadonlySet<string>, keys: Record<string, ValueCheck> = {}): NodeSchema => ({
  kind: 'element',
  keys: { ...ELEMENT_KEYS, ...keys },
  parents,
});
/** Images (SPEC: Files (images)) sit inline where text goes, outside links and code. */
const IMAGE_SCHEMA: NodeSchema = {
  kind: 'decorator',
  keys: {
    __src: (value, context) => isAllowedImageSrc(value, context?.docName),
    __altText: (value) => typeof value === 'string' && value.length <= MAX_ALT_TEXT_LENGTH,
    __width: optional(integer(1, MAX_IMAGE_WIDTH)),
  },
  parents: new Set(['paragraph', 'heading', 'quote', 'listitem']),
};
const leaf = (keys: Record<string, ValueCheck>): NodeSchema => ({ kind: 'leaf', keys, parents: TEXT_PARENTS });

export const NODE_SCHEMAS: ReadonlyMap<string, NodeSchema> = new Map<string, NodeSchema>([
  [
    'root',
    {
      kind: 'element',
      keys: {
        __format: ELEMENT_KEYS.__format!,
        __style: noStyle,
        __indent: ELEMENT_KEYS.__indent!,
        __dir: ELEMENT_KEYS.__dir!,
      },
      parents: new Set(),
    },
  ],
  ['paragraph', element(BLOCK_PARENTS)],
  ['heading', element(BLOCK_PARENTS, { __tag: oneOf('h1', 'h2', 'h3', 'h4', 'h5', 'h6') })],
  ['quote', element(BLOCK_PARENTS)],
  [
    'list',
    element(new Set(['root', 'listitem', 'tablecell']), {
      __tag: oneOf('ol', 'ul'),
      __start: integer(-(2 ** 31), 2 ** 31),
      __listType: oneOf('bullet', 'number', 'check'),
    }),
  ],
  ['listitem', element(new Set(['list']), { __value: integer(-(2 ** 31), 2 ** 31), __checked: optional(isBoolean) })],
  [
    'code',
    element(BLOCK_PARENTS, {
      __language: optional(isString),
      __theme: optional(isString),
      __isSyntaxHighlightSupported: isBoolean,
    }),
  ],
  [
    'table',
    element(new Set(['root']), {
      __rowStriping: isBoolean,
      __frozenColumnCount: integer(0, MAX_TABLE_COLUMNS),
      __frozenRowCount: integer(0, MAX_TABLE_COLUMNS),
      __colWidths: columnWidths,
    }),
  ],
  ['tablerow', element(new Set(['table']), { __height: pixels })],
  [
    'tablecell',
    element(new Set(['tablerow']), {
      __colSpan: integer(1, MAX_TABLE_SPAN),
      __rowSpan: integer(1, MAX_TABLE_SPAN),
      __headerState: integer(0, MAX_HEADER_STATE),
      __width: pixels,
      __backgroundColor: oneOf(null),
      __verticalAlign: optional(oneOf('middle', 'bottom')),
    }),
  ],
  ['horizontalrule', decorator(BLOCK_PARENTS)],
  ['link', { kind: 'element', keys: LINK_KEYS, parents: INLINE_PARENTS }],
  ['autolink', { kind: 'element', keys: { ...LINK_KEYS, __isUnlinked: isBoolean }, parents: INLINE_PARENTS }],
  ['text', leaf(TEXT_KEYS)],
  ['tab', leaf(TEXT_KEYS)],
  ['code-highlight', leaf({ ...TEXT_KEYS, __highlightType: optional(isString) })],
  ['linebreak', leaf({})],
  ['image', IMAGE_SCHEMA],
]);

/** The schema of node type `type`, if the editor has it. */
export function nodeSchema(type: unknown): NodeSchema | undefined {
  return typeof type === 'string' ? NODE_SCHEMAS.get(type) : undefined;
}

/**
 * Whether `value` is one the editor writes for property `key` of a `type` node, in the
 * document `context` names (image sources depend on it).
 */
export function isAllowedProperty(type: string, key: string, value: unknown, context?: ValueContext): boolean {
  const schema = NODE_SCHEMAS.get(type);
  if (!schema || key === '__type') return value === type;
  return Object.hasOwn(schema.keys, key) && schema.keys[key]!(value, context);
}

/**
 * Lexical's node state: a node may hold a `__state` map (a Y.Map the binding creates) of a
 * few keys that Lexical's own packages write: the Markdown shortcuts keep the list marker,
 * code fence, code info string and hard line break they were typed with, and quotes a flag.
 * Values are single JSON primitives; nothing nests inside.
 */
export const NODE_STATE_KEY = '__state';

const NODE_STATE_VALUES: Record<string, ValueCheck> = {
  mdListMarker: (value) => typeof value === 'string' && /^[-*+]$/.test(value),
  mdCodeFence: (value) => typeof value === 'string' && /^`{3,32}$/.test(value),
  mdCodeMeta: (value) => typeof value === 'string' && value.length <= 1024,
  mdHardLineBreak: (value) => typeof value === 'string' && /^(|\\| {2,32})$/.test(value),
  shadowRoot: (value) => typeof value === 'boolean',
};

/** Whether `value` is one Lexical writes for node-state entry `key`. */
export function isAllowedNodeState(key: string, value: unknown): boolean {
  return Object.hasOwn(NODE_STATE_VALUES, key) && NODE_STATE_VALUES[key]!(value);
}

/**
 * Node types the editor changes into one another in place (issue #19: a block's Yjs node
 * is kept when it becomes a heading, quote or code block, so concurrent typing into it is
 * kept). Within a family every type takes the same children, so a change never leaves a
 * child under a parent it cannot have.
 */
const RETYPE_FAMILIES: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['paragraph', 'heading', 'quote', 'code']),
  new Set(['text', 'tab', 'code-highlight']),
];

/** Whether an existing `from` node may become a `to` node. */
export function canRetype(from: unknown, to: unknown): boolean {
  return RETYPE_FAMILIES.some((family) => family.has(from as string) && family.has(to as string));
}

/** Whether `type` nodes have property `key` at all. */
export function hasProperty(type: string, key: string): boolean {
  const schema = NODE_SCHEMAS.get(type);
  return schema !== undefined && Object.hasOwn(schema.keys, key);
}

/**
 * Whether `value` is one the editor writes for `key` on some other type a `type` node can be
 * changed into in place, though `type` itself never has `key`: a heading's level set by
 * someone who had not yet seen another make that heading a paragraph (issue #19, fuzz seed
 * 166). Every reader builds a node from `__type` and ignores properties that type lacks.
 */
export function fitsSiblingType(type: string, key: string, value: unknown, context?: ValueContext): boolean {
  if (key === '__type' || hasProperty(type, key)) return false;
  const family = RETYPE_FAMILIES.find((members) => members.has(type));
  return family !== undefined && [...family].some((other) => isAllowedProperty(other, key, value, context));
}
