/**
 * Move notes stay readable by editors from before notes had a time (issue 19; rolling
 * upgrades): the note under a block's id is three whole numbers, as those editors check, and
 * the time sits in a map of its own. Notes written while they carried the time as a fourth
 * number are still read.
 */
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MOVES_TYPE } from '../../src/editor/binding/concurrent-moves.js';
import { isNote, MOVE_TIMES_TYPE, writeNote, writtenAt } from '../../src/editor/binding/move-note-format.js';
import { MAX_MOVE_NOTES, trimMoveNotes } from '../../src/editor/binding/move-notes-trim.js';
import { mergeTwo, twoMovingPeople } from '../support/headless-clients.js';
import { toList } from '../support/headless-typing.js';

/** How editors before the time was added validated a note (commit d3f1e25, concurrent-moves.ts). */
const oldEditorReads = (value: unknown): boolean =>
  Array.isArray(value) && value.length === 3 && value.every((part) => Number.isSafeInteger(part));

const paragraph = (): void => {
  $getRoot().append($createParagraphNode().append($createTextNode('alpha beta')));
};

describe('move notes during a rolling upgrade', () => {
  it('an editor from before reads every note a move writes, and the time is kept beside it', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(2, paragraph);
    const before = Math.floor(Date.now() / 1000);
    toList(a);
    toList(b);
    for (const text of await mergeTwo(a, b, ada, grace)) expect(text).toBe('alpha beta');
    for (const doc of [ada, grace]) {
      const notes = doc.getMap<unknown>(MOVES_TYPE);
      expect(notes.size).toBe(1);
      const [key, note] = Array.from(notes.entries())[0]!;
      expect(oldEditorReads(note)).toBe(true);
      expect(writtenAt(key, note, doc.getMap(MOVE_TIMES_TYPE))).toBeGreaterThanOrEqual(before);
    }
  });

  it('the new reader takes both forms, and a note’s time from beside it or from its fourth number', () => {
    const doc = new Y.Doc();
    const [notes, times] = [doc.getMap<unknown>(MOVES_TYPE), doc.getMap<unknown>(MOVE_TIMES_TYPE)];
    writeNote(doc, notes, '1:0', [1, 0, 5], 1234);
    notes.set('2:0', [2, 0, 5, 999]);
    notes.set('3:0', [3, 0, 5]);
    expect(notes.get('1:0')).toEqual([1, 0, 5]);
    for (const key of ['1:0', '2:0', '3:0']) expect(isNote(notes.get(key))).toBe(true);
    expect(['1:0', '2:0', '3:0'].map((key) => writtenAt(key, notes.get(key), times))).toEqual([1234, 999, 0]);
    for (const bad of [[1, 2], [1, 2, 3, 4, 5], [1, 'x', 3], [1, 2.5, 3], 'note', null])
      expect(isNote(bad)).toBe(false);
  });

  it(`trimming keeps the newest ${MAX_MOVE_NOTES} notes of either form, and drops the times of the others`, () => {
    const doc = new Y.Doc();
    const [notes, times] = [doc.getMap<unknown>(MOVES_TYPE), doc.getMap<unknown>(MOVE_TIMES_TYPE)];
    doc.transact(() => {
      // Times 1..1101, every third note in the four-number form of last session.
      for (let i = 1; i <= MAX_MOVE_NOTES * 1.1 + 1; i++) {
        if (i % 3 === 0) notes.set(`5:${i}`, [5, i, i + 1, i]);
        else writeNote(doc, notes, `5:${i}`, [5, i, i + 1], i);
      }
    });
    const dropped = trimMoveNotes(notes);
    expect(dropped).toHaveLength(101);
    expect(notes.size).toBe(MAX_MOVE_NOTES);
    const kept = Array.from(notes.keys(), (key) => writtenAt(key, notes.get(key), times));
    expect(Math.min(...kept)).toBe(102);
    for (const key of dropped) expect(times.has(key)).toBe(false);
    for (const key of times.keys()) expect(notes.has(key)).toBe(true);
  });
});
