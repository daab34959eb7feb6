import fc from 'fast-check';
import * as Y from 'yjs';
import { sharedNodes } from './doc-checks.js';

/**
 * Structure-aware mutations of a Quire document (issue #18 fuzz): each one is a change made
 * through Yjs' own API to a copy of a real editor document, so the update it produces
 * decodes, but the tree it leaves may break the editor's shape: renamed property names
 * (`__proto__`, `constructor`), values of other types, nodes stored as another kind of
 * shared type or under another parent, `root` nested, deep nesting, foreign content, images
 * with other sources (another document's files, `data:`, `http:`) or moved where none goes.
 */
export type Mutation = (root: Y.XmlText) => void;

type Node = Y.XmlText | Y.Map<unknown> | Y.XmlElement;

const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', '__type', '__text', '__style', '__textStyle'];
const MORE_KEYS = ['__url', '__target', '__rel', '__tag', '__listType', '__checked', '__format', '__indent', '__state'];
const TABLE_KEYS = [
  '__colSpan',
  '__rowSpan',
  '__headerState',
  '__backgroundColor',
  '__width',
  '__colWidths',
  '__language',
];
const IMAGE_KEYS = ['__src', '__altText', '__width'];
const STRINGS = [
  'root',
  'paragraph',
  'text',
  'listitem',
  'list',
  'link',
  'code',
  'linebreak',
  'table',
  'tablerow',
  'tablecell',
  'horizontalrule',
  'h1',
  'script',
  'bullet',
  '_blank',
  'opener',
  'position:fixed;inset:0',
  'background:url(https://evil.example/b)',
  'javascript:alert(1)',
  '',
  'image',
  'data:image/svg+xml;base64,PHN2Zz4=',
  'http://evil.example/pixel.png',
  '/api/docs/another-doc/files/0000000000000000000000000000000000000000000000000000000000000000',
  'https://example.com/fine.png',
];

const keyArb = fc.oneof(
  fc.constantFrom(...KEYS, ...MORE_KEYS, ...TABLE_KEYS, ...IMAGE_KEYS),
  fc.string({ maxLength: 8 }),
);
const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...STRINGS),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.constantFrom(0, 1, 3, 100, 101, 2 ** 31),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('__type', 'a', '__proto__'), fc.constantFrom(...STRINGS), { maxKeys: 2 }),
);
const kindArb = fc.constantFrom('XmlText', 'Map', 'XmlElement', 'Array', 'Text');

function pick<T>(items: T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

function attributesOf(node: Node): Record<string, unknown> {
  return node instanceof Y.Map ? (node.toJSON() as Record<string, unknown>) : node.getAttributes();
}

function setOn(node: Node, key: string, value: unknown): void {
  // Yjs stores plain objects only; fast-check may build them without a prototype.
  const plain = typeof value === 'object' && value !== null ? (JSON.parse(JSON.stringify(value)) as unknown) : value;
  if (node instanceof Y.Map) node.set(key, plain);
  else node.setAttribute(key, plain as string);
}

function removeFrom(node: Node, key: string): void {
  if (node instanceof Y.Map) node.delete(key);
  else node.removeAttribute(key);
}

/** A new shared type of `kind` holding `attributes`. */
function makeType(kind: string, attributes: Record<string, unknown>): object {
  const made =
    kind === 'Map'
      ? new Y.Map()
      : kind === 'XmlElement'
        ? new Y.XmlElement('p')
        : kind === 'Array'
          ? new Y.Array()
          : kind === 'Text'
            ? new Y.Text()
            : new Y.XmlText();
  for (const [key, value] of Object.entries(attributes)) {
    if (made instanceof Y.Map || made instanceof Y.XmlText || made instanceof Y.XmlElement) setOn(made, key, value);
  }
  return made;
}

/** The element `node` sits in, and where. */
function placeOf(root: Y.XmlText, node: Node): { parent: Y.XmlText; index: number } | undefined {
  for (const parent of [root, ...sharedNodes(root)]) {
    if (!(parent instanceof Y.XmlText)) continue;
    let index = 0;
    for (const op of parent.toDelta() as Array<{ insert: unknown }>) {
      if (op.insert === node) return { parent, index };
      index += typeof op.insert === 'string' ? op.insert.length : 1;
    }
  }
  return undefined;
}

const elementsOf = (root: Y.XmlText): Y.XmlText[] => [
  root,
  ...sharedNodes(root).filter((node): node is Y.XmlText => node instanceof Y.XmlText),
];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ at: fc.nat(), key: keyArb, value: valueArb }).map(({ at, key, value }) => (root: Y.XmlText) => {
    const node = pick(sharedNodes(root), at);
    if (node) setOn(node, key, value);
  }),
  fc.record({ at: fc.nat(), from: fc.nat(), to: keyArb }).map(({ at, from, to }) => (root: Y.XmlText) => {
    const node = pick(sharedNodes(root), at);
    const key = node && pick(Object.keys(attributesOf(node)), from);
    if (!node || key === undefined) return;
    setOn(node, to, attributesOf(node)[key]);
    removeFrom(node, key);
  }),
  fc.record({ at: fc.nat(), kind: kindArb }).map(({ at, kind }) => (root: Y.XmlText) => {
    const node = pick(sharedNodes(root), at);
    const place = node && placeOf(root, node);
    if (!node || !place) return;
    place.parent.delete(place.index, 1);
    place.parent.insertEmbed(place.index, makeType(kind, attributesOf(node)));
  }),
  fc.record({ at: fc.nat(), into: fc.nat(), kind: kindArb }).map(({ at, into, kind }) => (root: Y.XmlText) => {
    const node = pick(sharedNodes(root), at);
    const parent = pick(elementsOf(root), into);
    if (node && parent) parent.insertEmbed(parent.length, makeType(kind, attributesOf(node)));
  }),
  fc
    .record({ into: fc.nat(), depth: fc.integer({ min: 1, max: 120 }), type: fc.constantFrom(...STRINGS.slice(0, 6)) })
    .map(({ into, depth, type }) => (root: Y.XmlText) => {
      let parent = pick(elementsOf(root), into);
      for (let level = 0; parent && level < depth; level++) {
        const child = new Y.XmlText();
        child.setAttribute('__type', level % 2 === 0 ? type : 'listitem');
        parent.insertEmbed(parent.length, child);
        parent = child;
      }
    }),
  fc.record({ at: fc.nat(), key: fc.nat() }).map(({ at, key }) => (root: Y.XmlText) => {
    const node = pick(sharedNodes(root), at);
    const name = node && pick(Object.keys(attributesOf(node)), key);
    if (node && name !== undefined) removeFrom(node, name);
  }),
  fc.record({ into: fc.nat(), value: valueArb }).map(({ into, value }) => (root: Y.XmlText) => {
    const parent = pick(elementsOf(root), into);
    if (!parent) return;
    if (typeof value === 'object' && value !== null) parent.insertEmbed(0, value as object);
    else if (typeof value === 'number') parent.insert(Math.abs(Math.trunc(value)) % (parent.length + 1), 'x');
    else parent.insert(0, 'x', { [String(value)]: true });
  }),
);
