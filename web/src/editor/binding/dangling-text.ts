/**
 * Characters whose text node a collaborator deleted keep a text node (issue 19). In the v1
 * document a text node is a Y.Map embed followed by its characters. When one person deletes
 * a whole text node (Enter at the start of a line moves it into a new block; a selected
 * line is deleted) while another, offline or at the same moment, types at its end, the
 * merged block holds the typed characters with no live text node in front of them.
 * `@lexical/yjs` deletes such "dangling" characters, at the wrong place when the text node
 * was not its block's first child (docs/upstream-lexical-report.md).
 *
 * Here the editor that meets them gives them a new text node embed instead, and reads the
 * block's children again from the shared type. Two editors doing it at once leave an empty
 * text node in front of the other's, which Lexical's normalization removes. When the shared
 * type has no such characters but `@lexical/yjs` still takes some for dangling (its text node
 * is gone, its characters went on in another one), it deletes nothing and the block is read
 * again too.
 */
import { danglingStarts, insertTextNodes, typedIntoAt } from '@quire/shared';
import { ContentString, Map as YMap, type Item, type XmlText } from 'yjs';
import type { CollabBinding, CollabElementLike } from './binding-internals.js';
import { isCollabText } from './binding-internals.js';
import { $writePendingMerges } from './pending-merges.js';

/** Origin of the writes: not one's own edit, so undo leaves them alone. */
export const DANGLING_ORIGIN = Symbol('quire.danglingText');

/** Embeds written here, so the binding does not read them back a second time. */
const written = new WeakSet<object>();

/** Writes a text node embed, of the kind they were typed into, in front of each run of dangling characters. */
function giveTextNodes(text: XmlText, starts: number[]): void {
  text.doc!.transact(() => {
    for (const map of insertTextNodes(text, starts, typedIntoAt(text, starts))) written.add(map);
  }, DANGLING_ORIGIN);
}

type Delta = Array<{ insert?: unknown; delete?: number; retain?: number }>;
type ApplyDelta = (this: CollabElementLike, binding: CollabBinding, deltas: Delta) => void;

/** The change that only adds embeds written here: the children already hold them. */
function isOwnEcho(deltas: Delta): boolean {
  const inserts = deltas.filter((delta) => delta.insert !== undefined);
  return (
    inserts.length > 0 &&
    deltas.every((delta) => delta.delete === undefined) &&
    inserts.every((delta) => typeof delta.insert === 'object' && written.has(delta.insert as object))
  );
}

/**
 * Whether the change puts a text node embed right before characters it does not bring: two
 * people gave the same dangling characters a text node, and the later embed takes them.
 * `@lexical/yjs` would leave them shown by the node before, with the new node empty.
 */
function takesCharacters(deltas: Delta): boolean {
  return deltas.some((delta) => {
    const item = (delta.insert as { _item?: Item | null } | undefined)?._item;
    if (!(delta.insert instanceof YMap) || item == null) return false;
    let next = item.right;
    while (next !== null && next.deleted) next = next.right;
    return next !== null && next.content instanceof ContentString && !insertsText(deltas, delta);
  });
}

/** Whether the delta right after `embed` inserts characters (the embed's own text). */
function insertsText(deltas: Delta, embed: Delta[number]): boolean {
  return typeof deltas[deltas.indexOf(embed) + 1]?.insert === 'string';
}

/**
 * Blocks whose change was only such an echo: their Lexical children need no sync either. Lexical
 * may have merged the new text node with a neighbour of the same format meanwhile (the merge
 * reaches the shared type when the update commits); a sync now would bring the merged-away
 * neighbour back beside it (editing fuzz, seed 122), and the caret this sync puts back must not
 * reach that neighbour's stale collab node (pending-merges.ts).
 */
const echoed = new WeakSet<CollabElementLike>();

type SyncChildren = (this: CollabElementLike, binding: CollabBinding) => void;

/** Installs the fix on the binding's element class (its `applyChildrenYjsDelta` and `syncChildrenFromYjs`). */
export function patchDanglingText(proto: CollabElementLike): void {
  const withDelta = proto as CollabElementLike & {
    applyChildrenYjsDelta: ApplyDelta;
    syncChildrenFromYjs: SyncChildren;
  };
  const syncChildren = withDelta.syncChildrenFromYjs;
  withDelta.syncChildrenFromYjs = function (this: CollabElementLike, binding) {
    if (!echoed.delete(this)) syncChildren.call(this, binding);
  };
  const original = withDelta.applyChildrenYjsDelta;
  withDelta.applyChildrenYjsDelta = function (this: CollabElementLike, binding, deltas) {
    if (isOwnEcho(deltas)) {
      echoed.add(this);
      $writePendingMerges(binding);
      return;
    }
    const starts = danglingStarts(this._xmlText);
    if (starts.length === 0 && !takesCharacters(deltas) && !applyWithoutDeletes(this, binding, deltas, original))
      return;
    if (starts.length > 0) giveTextNodes(this._xmlText, starts);
    // Read every child again, as when the block is first loaded: the text nodes take their
    // characters from the shared type, the embeds keep their collab nodes (and keys).
    for (const child of this._children) if (isCollabText(child)) child._text = '';
    this._children.length = 0;
    original.call(this, binding, this._xmlText.toDelta() as Delta);
  };
}

/**
 * Applies the change as `@lexical/yjs` does, but without the deletions of its dangling-text
 * heuristic; true when it tried one. With no dangling characters in the shared type, those
 * characters follow a live text node there: typed at the end of a text node someone emptied and
 * typed into again, they land after the new text (fuzz seed 175), and the heuristic deleted
 * that new text and theirs. The block is then read again instead.
 */
function applyWithoutDeletes(
  element: CollabElementLike,
  binding: CollabBinding,
  deltas: Delta,
  original: ApplyDelta,
): boolean {
  const text = element._xmlText as XmlText & { delete: XmlText['delete'] };
  let tried = false;
  // An own property hides the type's method for this one call.
  text.delete = () => {
    tried = true;
  };
  try {
    original.call(element, binding, deltas);
  } finally {
    delete (text as { delete?: unknown }).delete;
  }
  return tried;
}
