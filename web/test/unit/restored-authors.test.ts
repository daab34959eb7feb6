/**
 * Undo counts what an earlier undo wrote back as written by its first author (issue 19;
 * editor/binding/restored-authors.ts). Grace pressed Enter, Ada typed in the new line, Grace
 * made that line a list, undid the list (Yjs writes the line back as a copy under Grace's
 * id) and undid the Enter: the undo scope (undo-scope.ts) saw only Grace's items in the line
 * and deleted it with Ada's words (editing fuzz, seed 75 at 48 steps: the undoer was offline).
 */
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { scopeUndoToOwnContent } from '../../src/editor/binding/undo-scope.js';
import { dropStrayPropertiesOnUndo } from '../../src/editor/binding/undo-stray-properties.js';
import { headlessText, mergeTwo, sortedWords, twoMovingPeople, undoManagerOf } from '../support/headless-clients.js';
import { run, toList } from '../support/headless-typing.js';

// As the editor's LosslessBindingPlugin does (they patch the undo manager's class).
scopeUndoToOwnContent();
dropStrayPropertiesOnUndo();

/** Types `text` at the end of block `index`. */
function typeAtEndOf(editor: LexicalEditor, index: number, text: string): void {
  run(editor, () => {
    const block = $getRoot().getChildAtIndex(index);
    if ($isElementNode(block)) block.selectEnd();
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.insertText(text);
  });
}

/** Presses Enter at the end of the first block. */
function enterAtEndOfFirst(editor: LexicalEditor): void {
  run(editor, () => {
    $getRoot().getFirstChildOrThrow().selectEnd();
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.insertParagraph();
  });
}

describe.each([0, 2])('an Enter undone after undoing a list made of the new line (Grace’s id %i)', (graceId) => {
  async function adaTypedInGracesLine() {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, () => {
      $getRoot().append($createParagraphNode().append($createTextNode('alpha beta')));
    });
    const undo = undoManagerOf(grace, b);
    enterAtEndOfFirst(b);
    await mergeTwo(a, b, ada, grace);
    typeAtEndOf(a, 1, 'gamma delta');
    await mergeTwo(a, b, ada, grace);
    expect(headlessText(b)).toBe('alpha beta\n\ngamma delta');
    return { a, b, ada, grace, undo };
  }

  it('keeps the words the other person typed in the line', async () => {
    const { a, b, ada, grace, undo } = await adaTypedInGracesLine();
    toList(b, 1);
    undo.undo();
    undo.undo();
    expect(headlessText(b)).toBe('alpha beta\n\ngamma delta');
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['alpha', 'beta', 'delta', 'gamma']);
  });

  it('keeps them, and what the other person typed meanwhile, when the undoer was offline', async () => {
    const { a, b, ada, grace, undo } = await adaTypedInGracesLine();
    typeAtEndOf(a, 1, ' epsilon');
    toList(b, 1);
    undo.undo();
    undo.undo();
    expect(headlessText(b)).toBe('alpha beta\n\ngamma delta');
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['alpha', 'beta', 'delta', 'epsilon', 'gamma']);
  });

  it('still takes back one’s own line when nobody else wrote in it', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, () => {
      $getRoot().append($createParagraphNode().append($createTextNode('alpha beta')));
    });
    const undo = undoManagerOf(grace, b);
    enterAtEndOfFirst(b);
    typeAtEndOf(b, 1, 'mine');
    toList(b, 1);
    undo.undo();
    expect(headlessText(b)).toBe('alpha beta\n\nmine');
    undo.undo();
    undo.undo();
    expect(headlessText(b)).toBe('alpha beta');
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts).toEqual(['alpha beta', 'alpha beta']);
  });
});
