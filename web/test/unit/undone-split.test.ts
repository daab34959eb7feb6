/**
 * Undoing a split or join whose moved text a collaborator moved on (issue 19;
 * editor/binding/undone-split.ts and own-text.ts). Enter mid-line (or a table, rule or image
 * put there) and Backspace at a line's start move text: Yjs deletes it and the mover writes
 * a copy. Undo deletes the copy and writes the deleted text back, but a part of the copy a
 * collaborator had moved on meanwhile stays in their copy: the undo showed it twice (likely
 * the word the tables pass of the editing fuzz, seed 14, once showed twice after an undo; not
 * confirmed, that failure did not come back). No one is offline here:
 * each edit reaches the other before the next. In Chromium: undo-ownership.test.ts.
 */
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { recordOwnText } from '../../src/editor/binding/own-text.js';
import { scopeUndoToOwnContent } from '../../src/editor/binding/undo-scope.js';
import { dropStrayPropertiesOnUndo } from '../../src/editor/binding/undo-stray-properties.js';
import { headlessText, mergeTwo, sortedWords, twoMovingPeople, undoManagerOf } from '../support/headless-clients.js';
import { enterBefore } from '../support/headless-typing.js';

// As the editor's LosslessBindingPlugin does (they patch the undo manager's class).
scopeUndoToOwnContent();
dropStrayPropertiesOnUndo();

/** Puts the caret at the start of block `index` and presses Backspace. */
function backspaceAtStartOf(editor: LexicalEditor, index: number): void {
  editor.update(
    () => {
      $getRoot().getChildAtIndex(index)!.selectStart();
      const selection = $getSelection();
      if ($isRangeSelection(selection)) selection.deleteCharacter(true);
    },
    { discrete: true },
  );
}

/** Ada (the undoer, her own text recorded as the editor's plugin does) and Grace, after two lines. */
async function twoLines(graceId: number): Promise<[LexicalEditor, LexicalEditor, Y.Doc, Y.Doc, Y.UndoManager]> {
  const [a, b, ada, grace] = await twoMovingPeople(graceId, () => {
    $getRoot().append($createParagraphNode().append($createTextNode('one two ')));
    $getRoot().append($createParagraphNode().append($createTextNode('three four five')));
  });
  recordOwnText(ada);
  return [a, b, ada, grace, undoManagerOf(ada, a, 500)];
}

describe.each([0, 2])('undoing a split or join a collaborator moved on (Grace’s id %i)', (graceId) => {
  it('a join undone after someone pressed Enter in the joined text shows each word once', async () => {
    const [a, b, ada, grace, undo] = await twoLines(graceId);
    backspaceAtStartOf(a, 1);
    await mergeTwo(a, b, ada, grace);
    expect(headlessText(b)).toBe('one two three four five');
    enterBefore(b, 'four');
    await mergeTwo(a, b, ada, grace);
    undo.undo();
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['five', 'four', 'one', 'three', 'two']);
  });

  it('an Enter undone after someone joined the new line back shows each word once', async () => {
    const [a, b, ada, grace, undo] = await twoLines(graceId);
    enterBefore(a, 'four');
    await mergeTwo(a, b, ada, grace);
    backspaceAtStartOf(b, 2);
    await mergeTwo(a, b, ada, grace);
    expect(headlessText(a)).toBe('one two \n\nthree four five');
    undo.undo();
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['five', 'four', 'one', 'three', 'two']);
  });

  it('an Enter undone after someone pressed Enter again in the new line shows each word once', async () => {
    const [a, b, ada, grace, undo] = await twoLines(graceId);
    enterBefore(a, 'four');
    await mergeTwo(a, b, ada, grace);
    enterBefore(b, 'five');
    await mergeTwo(a, b, ada, grace);
    undo.undo();
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['five', 'four', 'one', 'three', 'two']);
  });
});
