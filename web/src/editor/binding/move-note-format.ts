/**
 * How move notes are stored (issue 19; concurrent-moves.ts writes and reads them).
 *
 * A note is the value `[client, start, end]` (three whole numbers) under the moved block's id
 * in the shared map `quireMoves`. Editors from before notes had a time read exactly that form
 * and take anything else as malformed, so during a rolling upgrade a four-number note would
 * make an old editor keep both copies of a block two people moved at once. The time a note
 * was written (for move-notes-trim.ts) is therefore kept beside it, under the same key in the
 * shared map `quireMoveTimes`, which old editors never read.
 *
 * Documents written while notes carried their time as a fourth number still hold such
 * notes: they are read too.
 */
import type { Doc, Map as YMap } from 'yjs';
import type { MoveNote } from './undone-moves.js';

/** The top-level map of when each note in `quireMoves` was written: block id → seconds. */
export const MOVE_TIMES_TYPE = 'quireMoveTimes';

const isWholeNumbers = (value: unknown, length: number): value is number[] =>
  Array.isArray(value) && value.length === length && value.every((part) => Number.isSafeInteger(part));

/** The form every editor reads, old ones included: three whole numbers. */
export const isPlainNote = (value: unknown): value is [number, number, number] => isWholeNumbers(value, 3);

/** Notes come from anyone: three whole numbers, or four (the time, as written for a while). */
export const isNote = (value: unknown): value is MoveNote => isPlainNote(value) || isWholeNumbers(value, 4);

/** The current time for a note, in whole seconds. */
export const noteTime = (): number => Math.floor(Date.now() / 1000);

/** The map of note times that goes with `notes`, on its document. */
export const timesOf = (notes: YMap<unknown>): YMap<unknown> | null => notes.doc?.getMap(MOVE_TIMES_TYPE) ?? null;

/** Writes `note` for `key` in the form every editor reads, and when it was written beside it. */
export function writeNote(doc: Doc, notes: YMap<unknown>, key: string, note: MoveNote, time = noteTime()): void {
  const [client, start, end] = note;
  notes.set(key, [client, start, end]);
  doc.getMap<unknown>(MOVE_TIMES_TYPE).set(key, time);
}

/**
 * When the note under `key` was written, in seconds: from the times map, else from a
 * four-number note; 0 (oldest) for notes written without one.
 */
export function writtenAt(key: string, note: unknown, times: YMap<unknown> | null): number {
  const time: unknown = times?.get(key);
  if (Number.isSafeInteger(time)) return time as number;
  if (isWholeNumbers(note, 4)) return note[3]!;
  return 0;
}
