/**
 * Keeps the shared map of move notes (concurrent-moves.ts) bounded (issue 19). Every move
 * writes a note, and a note is only needed while someone may still send a concurrent move
 * of the same block. Which peers may do so cannot be known (one may be offline for
 * weeks), so the map keeps the newest `max` notes, by the time their author wrote them,
 * and whoever writes a note past that deletes the oldest. A move concurrent with one whose
 * note is gone keeps both copies: a doubled block, never a lost one (docs/editing.md).
 */
import type { Map as YMap } from 'yjs';

/** Notes the map keeps: a move stays settled against this many later moves in the document. */
export const MAX_MOVE_NOTES = 1000;

/** Trimming waits for this many extra notes, then deletes them at once, not one per move. */
const TRIM_SLACK = 0.1;

/** When a note was written, in seconds; notes without one (written before times were) count as oldest. */
export function writtenAt(note: unknown): number {
  if (!Array.isArray(note) || note.length < 4) return 0;
  const time: unknown = note[3];
  return Number.isSafeInteger(time) ? (time as number) : 0;
}

/** The current time for a note, in whole seconds. */
export const noteTime = (): number => Math.floor(Date.now() / 1000);

/**
 * Deletes the oldest notes once the map holds `max` plus a slack of them; returns their keys.
 * Ties go by key, so peers trimming at once pick the same notes.
 */
export function trimMoveNotes(notes: YMap<unknown>, max = MAX_MOVE_NOTES): string[] {
  if (notes.size <= max + Math.ceil(max * TRIM_SLACK)) return [];
  const byAge = Array.from(notes.entries())
    .map(([key, note]) => ({ key, time: writtenAt(note) }))
    .sort((a, b) => a.time - b.time || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const oldest = byAge.slice(0, byAge.length - max).map(({ key }) => key);
  for (const key of oldest) notes.delete(key);
  return oldest;
}
