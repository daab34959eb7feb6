/**
 * Undoing a split after a collaborator deleted some of the moved text (issue 19;
 * editor/binding/undone-split.ts, paired-letters.ts). The tables pass of the editing fuzz,
 * seed 83 at 48 steps: Ada put a 3×2 table in the middle of a line, which moves the rest of
 * the line into a new paragraph after it; Grace typed words into the line's first half and
 * deleted the last "q" of the moved text; Ada's undo then cut "q w00" out of two words in the
 * middle of the line and brought the deleted "q" back. The undo told which of the letters it
 * wrote back was that "q" by looking for the first "q" in them, and every word the fuzz types
 * ends in "q". No one is offline: each edit reaches the other before the next.
 */
import { $createTableNodeWithDimensions } from '@lexical/table';
import { $insertNodeToNearestRoot } from '@lexical/utils';
import { $createParagraphNode, $createTextNode, $getRoot, $getSelection, $isRangeSelection } from 'lexical';
import { describe, expect, it } from 'vitest';
import { recordOwnText } from '../../src/editor/binding/own-text.js';
import { scopeUndoToOwnContent } from '../../src/editor/binding/undo-scope.js';
import { dropStrayPropertiesOnUndo } from '../../src/editor/binding/undo-stray-properties.js';
import { exchange, headlessText, mergeTwo, settle, undoManagerOf } from '../support/headless-clients.js';
import { headlessPage } from '../support/fuzz-replay.js';
import { $textHolding, enterBefore, run } from '../support/headless-typing.js';
import type { LexicalEditor } from 'lexical';

// As the editor's LosslessBindingPlugin does (they patch the undo manager's class).
scopeUndoToOwnContent();
dropStrayPropertiesOnUndo();

const LINE = 'w0001aq w0002bq w0003cq w0004dq w0005eq';

/** Puts the caret just before `word` and inserts a table of `rows` × `columns` there, as the toolbar does. */
function tableBefore(editor: LexicalEditor, word: string, rows: number, columns: number): void {
  run(editor, () => {
    const text = $textHolding(word);
    const at = text.getTextContent().indexOf(word);
    text.select(at, at);
    $insertNodeToNearestRoot($createTableNodeWithDimensions(rows, columns, { rows: true, columns: false }));
  });
}

/** Selects `length` characters of the text holding `word`, from `offset` characters after its start, and deletes them. */
function deleteIn(editor: LexicalEditor, word: string, offset: number, length: number): void {
  run(editor, () => {
    const text = $textHolding(word);
    const at = text.getTextContent().indexOf(word) + offset;
    text.select(at, at + length);
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.removeText();
  });
}

/** Types `letters` just after `word` (and the space after it). */
function typeAfter(editor: LexicalEditor, word: string, letters: string): void {
  run(editor, () => {
    const text = $textHolding(word);
    const at = text.getTextContent().indexOf(word) + word.length + 1;
    text.select(at, at);
    $getSelection()!.insertText(letters);
  });
}

/** Ada (the undoer, her own text recorded as the editor's plugin does) and Grace, after one line of Ada's. */
async function oneLine(graceId: number): Promise<[LexicalEditor, LexicalEditor, () => Promise<string[]>, () => void]> {
  const [ada, grace] = [headlessPage(1), headlessPage(graceId)];
  run(ada.editor, () => $getRoot().append($createParagraphNode().append($createTextNode(LINE))));
  exchange(ada.doc, grace.doc);
  grace.editor.read(() => undefined);
  await settle();
  recordOwnText(ada.doc);
  const undo = undoManagerOf(ada.doc, ada.editor, 500);
  return [ada.editor, grace.editor, () => mergeTwo(ada.editor, grace.editor, ada.doc, grace.doc), () => undo.undo()];
}

describe.each([0, 2])('undoing a split after someone deleted part of the moved text (Grace’s id %i)', (graceId) => {
  it('an Enter undone after someone deleted a word’s last letter in the new line keeps every other letter', async () => {
    const [a, b, merge, undo] = await oneLine(graceId);
    enterBefore(a, 'w0003cq');
    await merge();
    deleteIn(b, 'w0003cq', 6, 1);
    await merge();
    expect(headlessText(a)).toBe('w0001aq w0002bq \n\nw0003c w0004dq w0005eq');

    undo();
    const texts = await merge();
    expect(texts[1]).toBe(texts[0]);
    expect(texts[0]).toBe('w0001aq w0002bq w0003c w0004dq w0005eq');
  });

  it('a table put mid-line, undone after someone typed in the line and deleted a letter of the moved text, keeps every other letter', async () => {
    const [a, b, merge, undo] = await oneLine(graceId);
    tableBefore(a, 'w0003cq', 3, 2);
    await merge();
    typeAfter(b, 'w0001aq', 'w0006fq w0007gq w0008hq ');
    deleteIn(b, 'w0005eq', 6, 1);
    await merge();
    expect(headlessText(a)).toMatch(/^w0001aq w0006fq w0007gq w0008hq w0002bq \n\n.*w0003cq w0004dq w0005e$/s);

    undo();
    const texts = await merge();
    expect(texts[1]).toBe(texts[0]);
    expect(texts[0]).toBe('w0001aq w0006fq w0007gq w0008hq w0002bq w0003cq w0004dq w0005e');
  });
});
