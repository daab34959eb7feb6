/**
 * Installs the lossless editing fixes (issue 19) on `@lexical/yjs`'s v1 binding classes.
 * The package does not export its collab node classes, so they are reached through the
 * binding's root (the document's root Y.XmlText points at it) and, for text, through the
 * first text child met. Installing twice is a no-op.
 */
import type { NodeMap } from 'lexical';
import type * as Y from 'yjs';
import {
  type CollabBinding,
  isCollabElement,
  isCollabText,
  rootCollabOf,
  type CollabChild,
  type CollabElementLike,
  type CollabTextLike,
} from './binding-internals.js';
import { patchDanglingText } from './dangling-text.js';
import { $dropEmptiedText } from './emptied-text.js';
import { reuseInPlace } from './lossless-children.js';
import { patchElementRetype, patchTextRetype } from './lossless-retype.js';
import { patchTypedAtCaret } from './typed-at-caret.js';

const patched = new WeakSet<object>();

function firstText(children: CollabChild[]): CollabTextLike | undefined {
  for (const child of children) {
    if (isCollabText(child)) return child;
    const inner = isCollabElement(child) ? firstText(child._children) : undefined;
    if (inner !== undefined) return inner;
  }
  return undefined;
}

function patchTextClassOf(children: CollabChild[]): void {
  const text = firstText(children);
  if (text === undefined) return;
  const proto = Object.getPrototypeOf(text) as CollabTextLike;
  if (patched.has(proto)) return;
  patched.add(proto);
  patchTextRetype(proto);
  patchTypedAtCaret(proto);
}

function patchElementClass(proto: CollabElementLike): void {
  patched.add(proto);
  patchElementRetype(proto);
  patchDanglingText(proto);
  const syncFromLexical = proto.syncChildrenFromLexical;
  proto.syncChildrenFromLexical = function (this: CollabElementLike, binding, next, prevNodeMap, dirty, leaves) {
    patchTextClassOf(this._children);
    const view: NodeMap | null = prevNodeMap === null ? null : reuseInPlace(this, binding, next, prevNodeMap);
    syncFromLexical.call(this, binding, next, view ?? prevNodeMap, dirty, leaves);
  };
  const withChildren = proto as CollabElementLike & { syncChildrenFromYjs(binding: unknown): void };
  const syncFromYjs = withChildren.syncChildrenFromYjs;
  withChildren.syncChildrenFromYjs = function (this: CollabElementLike, binding: unknown) {
    patchTextClassOf(this._children);
    syncFromYjs.call(this, binding);
    $dropEmptiedText(this, binding as CollabBinding);
  };
}

/** False until the binding for `root` exists (then call again). */
export function installLosslessBinding(root: Y.XmlText): boolean {
  const collab = rootCollabOf(root);
  if (collab === undefined) return false;
  const proto = Object.getPrototypeOf(collab) as CollabElementLike;
  if (!patched.has(proto)) patchElementClass(proto);
  patchTextClassOf(collab._children);
  return true;
}
