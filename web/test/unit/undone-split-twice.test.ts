/**
 * Undoing two Enters in one step across someone's link (issue 19;
 * editor/binding/undone-split-kept.ts). The editing fuzz with all actions, seed 101 at 48 steps:
 * Ada pressed Enter inside a word, typed "---" and pressed Enter again (a rule typed the
 * Markdown way), in a line where Grace had linked a word. The second Enter carried on the
 * link Ada's first Enter had copied, deleting that copy. Ada's undo then kept both new lines
 * beside the line it wrote back, which lacked the link: most of the line showed twice, and
 * later edits in it went on to repeat its words. No one is offline: each edit reaches the
 * other before the next.
 */
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  type LexicalEditor,
  type RangeSelection,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { recordOwnText } from '../../src/editor/binding/own-text.js';
import { scopeUndoToOwnContent } from '../../src/editor/binding/undo-scope.js';
import { dropStrayPropertiesOnUndo } from '../../src/editor/binding/undo-stray-properties.js';
import { mergeTwo, twoMovingPeople, undoManagerOf } from '../support/headless-clients.js';
import { enterBefore, linkWord, run, typeAtEnd } from '../support/headless-typing.js';

// As the editor's LosslessBindingPlugin does (they patch the undo manager's class).
scopeUndoToOwnContent();
dropStrayPropertiesOnUndo();

/** Types `letters` at the caret, then presses Enter: two edits, as typing "---" and Enter are. */
function typeThenEnter(editor: LexicalEditor, letters: string): void {
  const atCaret = (edit: (selection: RangeSelection) => void) => () => {
    const selection = $getSelection();
    if ($isRangeSelection(selection)) edit(selection);
  };
  run(
    editor,
    atCaret((selection) => selection.insertText(letters)),
  );
  run(
    editor,
    atCaret((selection) => selection.insertParagraph()),
  );
}

describe.each([0, 2])('undoing Enter, "---", Enter in a line with a link (Grace’s id %i)', (graceId) => {
  it('writes the line back once, link and all', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, () => {
      $getRoot().append($createParagraphNode().append($createTextNode('one two three four')));
    });
    recordOwnText(ada);
    linkWord(b, 'three');
    typeAtEnd(b, ' five');
    await mergeTwo(a, b, ada, grace);
    const undo = undoManagerOf(ada, a, 500);
    enterBefore(a, 'wo ');
    typeThenEnter(a, '---');
    await mergeTwo(a, b, ada, grace);
    expect(await mergeTwo(a, b, ada, grace)).toEqual(Array(2).fill('one t\n\n---\n\nwo three four five'));

    undo.undo();
    expect(await mergeTwo(a, b, ada, grace)).toEqual(Array(2).fill('one two three four five'));
  });
});
