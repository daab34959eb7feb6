/**
 * Local edits that keep content keep its Yjs node (issue 19). `@lexical/yjs` diffs an
 * element's children by Lexical node key, so any edit that gives content a new key — a
 * block turned into a heading or a quote (`replace` makes a new node), a range made bold
 * (the text node is split) or text nodes merged back — is written as "delete the old Yjs
 * node, insert a copy". A collaborator's concurrent insertion into the deleted node then
 * vanishes, and two clients' copies both survive (duplicated text).
 *
 * Before the binding's own diff runs, this pass rewrites those cases in place:
 * - a text node split into new text nodes, with or without a tab, a line break or a
 *   picture put at the split (in-place-split.ts): a Y.Map embed (each new node's start) is
 *   inserted between the existing characters;
 * - a text node whose first letters were typed over in another format: its embed and
 *   letters stay, as the start of the new node holding the rest (in-place-split.ts);
 * - a text node split around a link (inline-split.ts): only the linked characters are
 *   deleted, the text after the link keeps its characters, behind the old node's embed
 *   when the link took the node's first words;
 * - text nodes merged into the one before: only their Y.Map embeds are deleted;
 * - a removed node and a new node of the same kind in the same place (a block type
 *   change, a text node of another class): the old shared type is kept and re-keyed, and
 *   its attributes (`__type` included) are updated.
 * It then hands the binding a view of the previous state in which those nodes already
 * look like the next ones, so the binding's diff only writes property and text changes.
 */
import {
  $createChildrenArray,
  $getNodeByKey,
  $isElementNode,
  $isTextNode,
  type ElementNode,
  type LexicalNode,
  type NodeKey,
  type NodeMap,
  type TextNode,
} from 'lexical';
import {
  isCollabElement,
  isCollabText,
  type CollabBinding,
  type CollabChild,
  type CollabElementLike,
  type CollabTextLike,
} from './binding-internals.js';
import { keepRestOfReplacedStart, splitInPlace } from './in-place-split.js';
import { keepRestOfLinkedStart, splitAroundInline } from './inline-split.js';
import { isRestyledList } from './list-restyle.js';

/** The previous state's node map, with some nodes seen as the pass rewrote them. */
class OverlayNodeMap extends Map<NodeKey, LexicalNode> {
  constructor(
    private readonly base: NodeMap,
    private readonly overlay: Map<NodeKey, LexicalNode>,
  ) {
    super();
  }
  override get(key: NodeKey): LexicalNode | undefined {
    return this.overlay.get(key) ?? this.base.get(key);
  }
  override has(key: NodeKey): boolean {
    return this.overlay.has(key) || this.base.has(key);
  }
}

/** Children between two children kept by key (or the ends): what left and what came. */
interface Gap {
  anchor: NodeKey | null;
  removed: CollabChild[];
  added: NodeKey[];
}

interface Pass {
  collab: CollabElementLike;
  binding: CollabBinding;
  prevNodeMap: NodeMap;
  views: Map<NodeKey, LexicalNode>;
}

type Writable = Record<string, unknown>;

/** A previous-state view of `base` whose fields can be changed without touching it. */
function viewOf(base: LexicalNode, fields: Writable): LexicalNode {
  return Object.assign(Object.create(base) as LexicalNode, fields);
}

/** None when children moved (the binding's own diff handles moves). */
function gapsOf(children: CollabChild[], nextKeys: NodeKey[]): Gap[] | null {
  const nextSet = new Set(nextKeys);
  const prevSet = new Set(children.map((child) => child._key));
  const gaps: Gap[] = [{ anchor: null, removed: [], added: [] }];
  for (const child of children) {
    if (nextSet.has(child._key)) gaps.push({ anchor: child._key, removed: [], added: [] });
    else gaps[gaps.length - 1]!.removed.push(child);
  }
  let at = 0;
  for (const key of nextKeys) {
    if (!prevSet.has(key)) gaps[at]!.added.push(key);
    else if (gaps[++at]?.anchor !== key) return null;
  }
  return gaps;
}

/** The previous-state node for `key` as the pass sees it so far, with `fields` changed. */
function setView(pass: Pass, key: NodeKey, fields: Writable): void {
  const view = pass.views.get(key);
  pass.views.set(key, view === undefined ? viewOf(pass.prevNodeMap.get(key)!, fields) : Object.assign(view, fields));
}

function removeEmbedOnly(pass: Pass, child: CollabTextLike): void {
  pass.collab._xmlText.delete(child.getOffset(), 1);
  const children = pass.collab._children;
  children.splice(children.indexOf(child), 1);
  if (pass.binding.collabNodeMap.get(child._key) === child) pass.binding.collabNodeMap.delete(child._key);
}

/** Text nodes after `anchor` whose text it now ends with lose only their start marker. */
function mergeInto(pass: Pass, anchor: CollabTextLike, next: TextNode, gap: Gap): boolean {
  let text = anchor._text;
  let merged = 0;
  for (const child of gap.removed) {
    if (!isCollabText(child) || !next.__text.startsWith(text + child._text)) break;
    text += child._text;
    merged++;
  }
  if (merged === 0) return false;
  for (const child of gap.removed.splice(0, merged)) removeEmbedOnly(pass, child as CollabTextLike);
  anchor._text = text;
  setView(pass, anchor._key, { __text: text });
  return true;
}

/** New text nodes cut from `anchor` (in-place-split.ts). */
function splitFrom(pass: Pass, anchor: CollabTextLike, next: TextNode, gap: Gap): void {
  splitInPlace(pass, anchor, next.__text, gap.added, (text) => setView(pass, anchor._key, { __text: text }));
}

/** Attributes the new node type does not have would be read back as its fields. */
function dropStaleAttributes(child: CollabChild, node: LexicalNode): void {
  const keep = (name: string): boolean =>
    !name.startsWith('__') || name in node || name === '__state' || name === '__slots';
  if (isCollabElement(child)) {
    for (const name of Object.keys(child._xmlText.getAttributes())) {
      if (!keep(name)) child._xmlText.removeAttribute(name);
    }
  } else if (isCollabText(child)) {
    for (const name of Array.from(child._map.keys())) if (!keep(name)) child._map.delete(name);
  }
}

/**
 * Blocks whose children are text: a type change between them keeps the children as they
 * are. (Lists and list items hold blocks; changing into one restructures the children.)
 */
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'quote', 'code']);
const isTextBlock = (type: string): boolean => TEXT_BLOCKS.has(type);

/** A removed node and a new one of the same kind in the same place: one shared type, re-keyed. */
function retypePairs(pass: Pass, gap: Gap): void {
  const count = Math.min(gap.removed.length, gap.added.length);
  for (let i = 0; i < count; i++) {
    const old = gap.removed[i]!;
    const node = $getNodeByKey(gap.added[i]!);
    const prev = pass.prevNodeMap.get(old._key);
    if (node === null || prev === undefined || pass.prevNodeMap.has(node.__key)) continue;
    const sameKind =
      (isCollabElement(old) && $isElementNode(node) && isTextBlock(old._type) && isTextBlock(node.__type)) ||
      (isCollabText(old) && $isTextNode(node)) ||
      isRestyledList(old, node, pass.prevNodeMap);
    if (!sameKind) continue;
    const map = pass.binding.collabNodeMap;
    if (map.get(old._key) === old) map.delete(old._key);
    old._key = node.__key;
    (old as CollabTextLike | CollabElementLike)._type = node.__type;
    map.set(node.__key, old);
    dropStaleAttributes(old, node);
    pass.views.set(node.__key, viewOf(prev, { __key: node.__key }));
  }
}

/**
 * Text nodes all replaced by new ones holding the same text cut differently (a code
 * block's highlighting re-tokenizes its text): the characters stay, only the markers
 * between them change.
 */
function resegment(pass: Pass, gap: Gap): void {
  const removed = gap.removed;
  const added = gap.added.map((key) => $getNodeByKey(key));
  if (removed.length === 0 || added.length === 0 || !removed.every(isCollabText)) return;
  if (!added.every((node) => $isTextNode(node) && node.__text !== '' && !pass.prevNodeMap.has(node.__key))) return;
  const texts = added as TextNode[];
  const whole = removed.map((child) => child._text).join('');
  if (whole !== texts.map((node) => node.__text).join('')) return;
  const [first, ...rest] = removed;
  for (const child of rest) removeEmbedOnly(pass, child);
  first!._text = whole;
  gap.removed = [first!];
  gap.added = [texts[0]!.__key];
  retypePairs(pass, gap);
  setView(pass, first!._key, { __text: whole });
  gap.removed = [];
  gap.added = texts.slice(1).map((node) => node.__key);
  if (gap.added.length > 0) splitFrom(pass, first!, texts[0]!, gap);
}

/** The previous children as the pass left them, linked in the views. */
function linkViews(pass: Pass, prevParent: ElementNode): void {
  const keys = pass.collab._children.map((child) => child._key);
  keys.forEach((key, i) => {
    const view = pass.views.get(key) ?? viewOf(pass.prevNodeMap.get(key)!, {});
    Object.assign(view, { __prev: keys[i - 1] ?? null, __next: keys[i + 1] ?? null, __parent: pass.collab._key });
    pass.views.set(key, view);
  });
  const first = keys[0] ?? null;
  const last = keys[keys.length - 1] ?? null;
  pass.views.set(pass.collab._key, viewOf(prevParent, { __first: first, __last: last, __size: keys.length }));
}

function sameKeys(a: NodeKey[], b: NodeKey[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

/** Rewrites in place what one gap's removed and added children share. */
function reuseGap(pass: Pass, gap: Gap): void {
  const anchor = pass.collab._children.find((child) => child._key === gap.anchor);
  const anchorNode = gap.anchor === null ? null : $getNodeByKey(gap.anchor);
  if (anchor !== undefined && isCollabText(anchor) && $isTextNode(anchorNode)) {
    if (!mergeInto(pass, anchor, anchorNode, gap)) {
      splitFrom(pass, anchor, anchorNode, gap);
      splitAroundInline(pass, anchor, anchorNode.__text, gap.added, (text) =>
        setView(pass, anchor._key, { __text: text }),
      );
    }
  }
  const first = gap.removed[0];
  const isStartKept =
    first !== undefined &&
    isCollabText(first) &&
    (keepRestOfLinkedStart(pass, first, gap.added) || keepRestOfReplacedStart(pass, first, gap.added));
  if (isStartKept) gap.removed.shift();
  resegment(pass, gap);
  retypePairs(pass, gap);
}

/** Rewrites in place what keeps content; returns the previous-state view, or null if nothing did. */
export function reuseInPlace(
  collab: CollabElementLike,
  binding: CollabBinding,
  next: ElementNode,
  prevNodeMap: NodeMap,
): NodeMap | null {
  const prevParent = collab.getPrevNode(prevNodeMap);
  if (prevParent === null) return null;
  const prevKeys = collab._children.map((child) => child._key);
  if (!sameKeys(prevKeys, $createChildrenArray(prevParent, prevNodeMap))) return null;
  const nextKeys = $createChildrenArray(next, null);
  // The usual keystroke: the same children (typing changes one of them, not the list).
  if (sameKeys(prevKeys, nextKeys)) return null;
  const gaps = gapsOf(collab._children, nextKeys);
  if (gaps === null || gaps.every((gap) => gap.removed.length === 0 && gap.added.length === 0)) return null;
  const pass: Pass = { collab, binding, prevNodeMap, views: new Map() };
  for (const gap of gaps) reuseGap(pass, gap);
  if (pass.views.size === 0) return null;
  linkViews(pass, prevParent);
  return new OverlayNodeMap(prevNodeMap, pass.views);
}
