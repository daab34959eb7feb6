/**
 * A list switched between numbered, bulleted and checked keeps its shared type (issue 19).
 * `@lexical/list` switches a list's type by building a new list node and moving every item
 * into it, which `@lexical/yjs` writes as "delete the list, insert a copy of it and all its
 * items". Words a collaborator typed into an item meanwhile (offline, or in the same
 * moment) were in the deleted list, unseen by the copy: they vanished, and a collaborator
 * switching the same list at the same time left two copies.
 *
 * lossless-children.ts pairs a removed node with the new one in its place; this says when
 * such a pair is the same list restyled, so the old list's shared type is re-keyed to the
 * new node and only its attributes (`__listType`, `__tag`, ...) change. Collaborators read
 * those as a property change of the list they have.
 */
import { $createChildrenArray, $isElementNode, type LexicalNode, type NodeMap } from 'lexical';
import { isCollabElement, type CollabChild } from './binding-internals.js';

const LIST = 'list';

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

/**
 * Whether `node` (new in this update) is the list `old` was, with the same items moved into
 * it unchanged in order: the same list, restyled.
 */
export function isRestyledList(old: CollabChild, node: LexicalNode, prevNodeMap: NodeMap): boolean {
  if (!isCollabElement(old) || old._type !== LIST || node.__type !== LIST || !$isElementNode(node)) return false;
  const prev = prevNodeMap.get(old._key);
  if (prev === undefined || !$isElementNode(prev)) return false;
  const items = $createChildrenArray(node, null);
  return items.length > 0 && sameKeys($createChildrenArray(prev, prevNodeMap), items);
}
