/**
 * A paste over a selection from the end of one list item into the next is no carry of the
 * first item's selected end (issue 19; editor/binding/carried-text.ts). Found by the editing
 * fuzz (seed 167 at 48 steps, 3 of 6 runs): Grace selected "0020kq " and the break after it
 * and pasted two paragraphs; the new block held her second paragraph and the next item's
 * rest, "009lq  w0011zq w0012gq w0013nq ", which ends like the selected "0020kq " ("q ").
 * Those two letters were noted as text carried out of the first item, and when Ada later made
 * the list a heading, Grace's page gave them up as held by Ada's copy (which had a lone "q"):
 * "w0013nq" lost its last letter.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { carriedText, type Carried } from '../../src/editor/binding/carried-text.js';
import type { MoveNote } from '../../src/editor/binding/undone-moves.js';

/** A block with one text node (a Y.Map embed) holding `text`. */
function block(type: string, text: string): Y.XmlText {
  const node = new Y.XmlText();
  node.setAttribute('__type', type);
  const start = new Y.Map<unknown>();
  node.insertEmbed(0, start);
  start.set('__type', 'text');
  node.insert(1, text);
  return node;
}

/** The carried runs `edit` makes on `doc`, as concurrent-moves.ts notes them. */
function carriedBy(doc: Y.Doc, edit: () => void): Carried[] {
  let found: Carried[] = [];
  const onAfter = (transaction: Y.Transaction): void => {
    const start = transaction.beforeState.get(doc.clientID) ?? 0;
    const note: MoveNote = [doc.clientID, start, transaction.afterState.get(doc.clientID) ?? 0];
    found = carriedText(transaction, note);
  };
  doc.on('afterTransaction', onAfter);
  doc.transact(edit);
  doc.off('afterTransaction', onAfter);
  return found;
}

describe('a paste over a selection across two list items', () => {
  it('notes no carried text for the selected end of the first item', () => {
    const ada = new Y.Doc();
    const root = ada.get('root', Y.XmlText);
    const list = new Y.XmlText();
    root.insertEmbed(0, list);
    list.insertEmbed(0, block('listitem', 'w0019dq w0020kq '));
    list.insertEmbed(1, block('listitem', '009lq  w0011zq w0012gq w0013nq '));
    const grace = new Y.Doc();
    Y.applyUpdate(grace, Y.encodeStateAsUpdate(ada));
    const graceList = grace.get('root', Y.XmlText).toDelta()[0].insert as Y.XmlText;
    const [first, second] = graceList.toDelta().map((part: { insert: Y.XmlText }) => part.insert);

    const carried = carriedBy(grace, () => {
      // The selection "0020kq " and the break: the first item keeps "w0019dq w", gets the
      // first pasted paragraph; the second item goes, its text in the new block after the last.
      first.delete(10, 7);
      first.insert(10, 'w0021rq');
      graceList.delete(1, 1);
      const pasted = block('paragraph', 'w0022yq');
      grace.get('root', Y.XmlText).insertEmbed(1, pasted);
      const rest = new Y.Map<unknown>();
      pasted.insertEmbed(8, rest);
      rest.set('__type', 'text');
      pasted.insert(9, '009lq  w0011zq w0012gq w0013nq ');
      expect(second.parent).toBe(graceList);
    });

    expect(carried.map(({ seen }) => seen)).toEqual([]);
  });
});
