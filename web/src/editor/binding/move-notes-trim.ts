/**
 * Keeps the shared map of move notes (concurrent-moves.ts) bounded (issue 19). Every move
 * writes a note, and a note is only needed while someone may still send a concurrent move
 * of the same block. Which peers may do so cannot be known (one may be offline for
 * weeks), so the map keeps the newest `max` notes, by the time their author wrote them
 * (move-note-format.ts), and whoever writes a note past that deletes the oldest, with their
 * times. A move concurrent with one whose note is gone keeps both copies: a doubled block,
 * never a lost one (docs/editing.md).
 */
import type { Map as YMap } from 'yjs';
import { timesOf, writtenAt } from './move-note-format.js';

/** Notes the map keeps: a move stays settled against this many later moves in the document. */
export const MAX_MOVE_NOTES = 1000;

/** Trimming waits for this many extra notes, then deletes them at once, not one per move. */
const TRIM_SLACK = 0.1;

/** Deletes the times whose note is gone (two editors trimming at once, or a note written alone). */
function dropOrphanTimes(notes: YMap<unknown>, times: YMap<unknown> | null): void {
  if (times === null) return;
  for (const key of Array.from(times.keys())) if (!notes.has(key)) times.delete(key);
}

/**
 * Deletes the oldest notes once the map holds `max` plus a slack of them; returns their keys.
 * Ties go by key, so peers trimming at once pick the same notes.
 */
export function trimMoveNotes(notes: YMap<unknown>, max = MAX_MOVE_NOTES): string[] {
  if (notes.size <= max + Math.ceil(max * TRIM_SLACK)) return [];
  const times = timesOf(notes);
  const byAge = Array.from(notes.entries())
    .map(([key, note]) => ({ key, time: writtenAt(key, note, times) }))
    .sort((a, b) => a.time - b.time || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const oldest = byAge.slice(0, byAge.length - max).map(({ key }) => key);
  for (const key of oldest) notes.delete(key);
  dropOrphanTimes(notes, times);
  return oldest;
}
