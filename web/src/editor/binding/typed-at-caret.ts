/**
 * A typed character is written where it was typed (issue 19). `@lexical/yjs` finds what
 * changed in a text node by comparing its old and new text, scanning from the left no
 * further than the caret; but the caret is already after the typed text, so a character
 * typed just before the same character ("w" typed in front of someone's "w0009") matches
 * it and is written after it. The page shows the same text, but the shared document now
 * holds the other person's "w" where this person typed, and theirs further on: undo
 * (which deletes one's own characters) then takes a letter out of the other person's word
 * and leaves one of this person's behind (editing fuzz, tables pass of seed 8). Here the
 * left scan stops where the typed text starts: the caret minus the characters added.
 */
import { $getSelection, $isRangeSelection, type NodeKey, type NodeMap, type TextNode } from 'lexical';
import type { CollabBinding, CollabTextLike } from './binding-internals.js';
import { joinedAtCaret } from './joined-at-caret.js';

export interface TextSplice {
  index: number;
  remove: number;
  insert: string;
}

/**
 * The change from `before` to `after`, placed so that inserted text ends at `caret`; when it
 * cannot end there, so that it starts there (a line joined at the caret: joined-at-caret.ts).
 */
export function diffAtCaret(before: string, after: string, caret: number): TextSplice {
  const typed = diffFrom(before, after, caret - Math.max(0, after.length - before.length));
  if (typed.index + typed.insert.length === caret) return typed;
  return joinedAtCaret(before, after, caret) ?? typed;
}

/** The change from `before` to `after`, scanning from the left no further than `limit` first. */
function diffFrom(before: string, after: string, limit: number): TextSplice {
  const shorter = Math.min(before.length, after.length);
  let left = 0;
  while (left < shorter && left < limit && before[left] === after[left]) left++;
  let right = 0;
  while (right + left < shorter && before[before.length - 1 - right] === after[after.length - 1 - right]) right++;
  // The caret told nothing (it is elsewhere): the change starts at the first difference.
  while (right + left < shorter && before[left] === after[left]) left++;
  return { index: left, remove: before.length - left - right, insert: after.slice(left, after.length - right) };
}

/** Where the caret is in the text node `key`; its end when the caret is elsewhere. */
function $caretIn(key: NodeKey, text: string): number {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) || !selection.isCollapsed() || selection.anchor.key !== key) return text.length;
  return selection.anchor.offset;
}

type Splice = (index: number, remove: number, insert: string) => void;
type TextFromLexical = (binding: CollabBinding, next: TextNode, prevNodeMap: NodeMap | null) => void;
type WithSync = CollabTextLike & {
  spliceText: Splice;
  syncPropertiesAndTextFromLexical: TextFromLexical;
  getPrevNode(prevNodeMap: NodeMap | null): TextNode | null;
};

/** The package's own sync writes the properties; its one text splice is replaced by ours. */
export function patchTypedAtCaret(proto: CollabTextLike): void {
  const withSync = proto as WithSync;
  const original = withSync.syncPropertiesAndTextFromLexical;
  withSync.syncPropertiesAndTextFromLexical = function (this: WithSync, binding, next, prevNodeMap) {
    const before = this.getPrevNode(prevNodeMap)?.__text;
    if (before === undefined || before === next.__text) return original.call(this, binding, next, prevNodeMap);
    const { index, remove, insert } = diffAtCaret(before, next.__text, $caretIn(next.__key, next.__text));
    const splice = withSync.spliceText;
    this.spliceText = () => splice.call(this, index, remove, insert);
    try {
      original.call(this, binding, next, prevNodeMap);
    } finally {
      delete (this as Partial<WithSync>).spliceText;
    }
  };
}
