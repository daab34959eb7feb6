/**
 * A Yjs UndoManager bug, in plain Yjs (no Lexical): docs/upstream-yjs-report.md. When an undo
 * writes back a deleted type, Yjs copies each deleted item under the undoer's client id and
 * merges copies that follow each other into one item, so Grace's words and Ada's words after
 * them become one item of Grace's. Grace's next undo takes back her typing: `popStackItem`
 * follows her typed item (`followRedone`) to that copy and deletes the item it finds whole,
 * cutting only its start, so Ada's words go too (found by the issue 19 editing fuzz, seed 142;
 * Quire works around it in editor/binding/undone-copy-length.ts).
 *
 * `it.fails`: the test asserts what users expect and passes while the bug is in the installed
 * Yjs (13.6.33). When it starts failing, Yjs has fixed the bug: make it a plain `it`, update
 * the report, and see whether undone-copy-length.ts is still needed.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

/** Sends `to` what `from` has and it lacks, as a remote update (not tracked by undo). */
function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
}

/** The items Grace's first undo writes back, and Grace's text after her second undo. */
function undoTwice(graceId: number, adaId: number): { restored: string[]; text: string } {
  const grace = new Y.Doc();
  grace.clientID = graceId;
  const ada = new Y.Doc();
  ada.clientID = adaId;
  const blocks = grace.getArray<Y.Text>('blocks');
  blocks.insert(0, [new Y.Text()]);
  const undo = new Y.UndoManager(blocks, { captureTimeout: 0 });

  blocks.get(0).insert(0, 'mine ');
  undo.stopCapturing();
  sync(grace, ada);
  ada.getArray<Y.Text>('blocks').get(0).insert(5, 'yours');
  sync(ada, grace);

  blocks.delete(0, 1);
  undo.stopCapturing();
  undo.undo();
  const restored: string[] = [];
  for (let item = blocks.get(0)._start; item !== null; item = item.right) {
    restored.push(`${item.id.client === graceId ? 'Grace' : 'Ada'}: ${item.content.getContent().join('')}`);
  }
  undo.undo();
  return { restored, text: blocks.get(0).toString() };
}

describe('Yjs UndoManager: undo of one’s typing after an undone delete of its type', () => {
  for (const [graceId, adaId] of [
    [1, 2],
    [2, 1],
  ] as const) {
    it(`writes back Grace's and Ada's words as one item of Grace's (ids ${graceId}, ${adaId})`, () => {
      expect(undoTwice(graceId, adaId).restored).toEqual(['Grace: mine yours']);
    });

    it.fails(`keeps Ada's words when Grace undoes her typing (ids ${graceId}, ${adaId})`, () => {
      expect(undoTwice(graceId, adaId).text).toBe('yours');
    });
  }
});
