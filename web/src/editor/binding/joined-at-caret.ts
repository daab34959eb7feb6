/**
 * A line joined onto the one before it is written after the caret (issue 19). Backspace at a
 * line's start (or Delete at a line's end) merges the two lines' text nodes into the first,
 * and the caret stays at the join: the joined text starts there, where typed text ends at
 * the caret (typed-at-caret.ts). Placed as typing, the joined text, when the first line
 * ended with the letters it ends with ("w0011zq " and "w0007xq "), was written in front of
 * those letters: the joiner wrote a copy of them under their own name and the originals
 * went after the joined text. The joiner's undo deletes the copy, so the typist's last
 * letters ended up after whatever had been typed into the joined text meanwhile: their word
 * was lost (editing fuzz, seed 55 at 48 steps).
 */

/** An insertion of `insert` at `index` (nothing removed). */
export interface JoinedSplice {
  index: number;
  remove: 0;
  insert: string;
}

/** The change from `before` to `after` as text inserted at `caret`; null when it is not that. */
export function joinedAtCaret(before: string, after: string, caret: number): JoinedSplice | null {
  const added = after.length - before.length;
  if (added <= 0 || caret < 0 || caret > before.length) return null;
  const kept = after.startsWith(before.slice(0, caret)) && after.endsWith(before.slice(caret));
  return kept ? { index: caret, remove: 0, insert: after.slice(caret, caret + added) } : null;
}
