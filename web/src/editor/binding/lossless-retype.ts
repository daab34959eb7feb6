/**
 * The receiving side of an in-place type change (see lossless-children.ts): when a shared
 * type's `__type` attribute changes (a collaborator made the paragraph a heading, or undid
 * that), the Lexical node is replaced by a node of the new type that takes over its
 * children, and the collab node is re-keyed to it. `@lexical/yjs` alone would write the
 * new type string onto the old node's field, leaving a paragraph that claims to be a
 * heading.
 */
import { ElementNode, type Klass, type LexicalNode, type TextNode } from 'lexical';
import type { CollabBinding, CollabElementLike, CollabTextLike } from './binding-internals.js';

function createOfType<T extends LexicalNode>(binding: CollabBinding, type: string): T | null {
  const info = binding.editor._nodes.get(type);
  return info === undefined ? null : (new (info.klass as Klass<LexicalNode>)() as T);
}

/** Moves the children by relinking them, so no node's own `append` rules reshape them. */
function replaceElement(node: ElementNode, replacement: ElementNode): void {
  const children = node.getChildren();
  const old = node.getWritable();
  const fresh = replacement.getWritable();
  Object.assign(fresh, { __first: old.__first, __last: old.__last, __size: old.__size });
  Object.assign(old, { __first: null, __last: null, __size: 0 });
  for (const child of children) Object.assign(child.getWritable(), { __parent: fresh.__key });
  // The base replace (ElementNode inherits it): a list item's own would split its list.
  ElementNode.prototype.replace.call(old, fresh);
}

function rekey(binding: CollabBinding, collab: CollabElementLike | CollabTextLike, node: LexicalNode): void {
  if (binding.collabNodeMap.get(collab._key) === collab) binding.collabNodeMap.delete(collab._key);
  collab._key = node.__key;
  collab._type = node.__type;
  binding.collabNodeMap.set(node.__key, collab);
}

function typeChanged(type: unknown, node: LexicalNode | null, keysChanged: Set<string> | null): type is string {
  return (
    node !== null &&
    typeof type === 'string' &&
    type !== node.__type &&
    (keysChanged === null || keysChanged.has('__type'))
  );
}

type ElementSync = CollabElementLike['syncPropertiesFromYjs'];
type TextSync = CollabTextLike['syncPropertiesAndTextFromYjs'];

export function patchElementRetype(proto: CollabElementLike): void {
  const original: ElementSync = proto.syncPropertiesFromYjs;
  proto.syncPropertiesFromYjs = function (this: CollabElementLike, binding, keysChanged) {
    const node = this.getNode();
    const type = this._xmlText.getAttribute('__type');
    if (typeChanged(type, node, keysChanged)) {
      const replacement = createOfType<ElementNode>(binding, type);
      if (replacement !== null) {
        replaceElement(node!, replacement);
        rekey(binding, this, replacement);
        original.call(this, binding, null);
        return;
      }
    }
    original.call(this, binding, keysChanged);
  };
}

export function patchTextRetype(proto: CollabTextLike): void {
  const original: TextSync = proto.syncPropertiesAndTextFromYjs;
  proto.syncPropertiesAndTextFromYjs = function (this: CollabTextLike, binding, keysChanged) {
    const node = this.getNode();
    const type = this._map.get('__type');
    if (typeChanged(type, node, keysChanged)) {
      const replacement = createOfType<TextNode>(binding, type);
      if (replacement !== null) {
        node!.replace(replacement);
        rekey(binding, this, replacement);
        original.call(this, binding, null);
        return;
      }
    }
    original.call(this, binding, keysChanged);
  };
}
