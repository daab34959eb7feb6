/**
 * The parts of `@lexical/yjs`'s (v1) binding objects the lossless fixes touch. The package
 * exports no types for its collab nodes, so these describe the fields its code relies on
 * (they survive its production build unrenamed). In the shared Y.XmlText of an element,
 * each child takes one embed (an element's Y.XmlText, a text node's Y.Map, ...) and a
 * text node's characters follow its Y.Map embed.
 */
import type { ElementNode, LexicalEditor, LexicalNode, NodeKey, NodeMap } from 'lexical';
import type * as Y from 'yjs';

export interface CollabBinding {
  collabNodeMap: Map<NodeKey, CollabChild>;
  editor: LexicalEditor;
}

export interface CollabTextLike {
  _key: NodeKey;
  _map: Y.Map<unknown> & { _collabNode?: CollabTextLike };
  _text: string;
  _type: string;
  _parent: CollabElementLike;
  getOffset(): number;
  getNode(): LexicalNode | null;
  syncPropertiesAndTextFromYjs(binding: CollabBinding, keysChanged: Set<string> | null): void;
}

export interface CollabElementLike {
  _key: NodeKey;
  _children: CollabChild[];
  _xmlText: Y.XmlText & { _collabNode?: CollabElementLike };
  _type: string;
  getOffset(): number;
  getNode(): ElementNode | null;
  getPrevNode(nodeMap: NodeMap | null): ElementNode | null;
  syncPropertiesFromYjs(binding: CollabBinding, keysChanged: Set<string> | null): void;
  syncChildrenFromLexical(
    binding: CollabBinding,
    next: ElementNode,
    prevNodeMap: NodeMap | null,
    dirtyElements: unknown,
    dirtyLeaves: unknown,
  ): void;
  destroy(binding: CollabBinding): void;
}

/** Line breaks and decorators: one embed, never split or retyped here. */
export interface CollabOtherLike {
  _key: NodeKey;
  destroy(binding: CollabBinding): void;
}

export type CollabChild = CollabTextLike | CollabElementLike | CollabOtherLike;

export type CollabTextClass = new (
  map: Y.Map<unknown>,
  text: string,
  parent: CollabElementLike,
  type: string,
) => CollabTextLike;

export function isCollabText(node: CollabChild): node is CollabTextLike {
  return '_map' in node && '_text' in node;
}

export function isCollabElement(node: CollabChild): node is CollabElementLike {
  return '_xmlText' in node && '_children' in node;
}

/** The Y.XmlText the v1 binding roots the document in. */
export function rootCollabOf(root: Y.XmlText): CollabElementLike | undefined {
  return (root as Y.XmlText & { _collabNode?: CollabElementLike })._collabNode;
}
