/**
 * The last letters of a word, all that is left of undo's copy of one's typing, are kept when a
 * collaborator who never saw them moved their line (issue 19; editor/binding/restored-unseen.ts).
 * Grace, offline, typed words, pressed Enter before them and undid it (the undo wrote them back
 * as copies), then wrote other words over the copies but for their last letters, which the
 * editor kept. Ada meanwhile made the line a list: her copy of the line holds those letters
 * inside her own words, and the rescue took that for her having seen Grace's, so nobody wrote
 * them again (editing fuzz, seed 87 at 48 steps: the `q` of `w0023fq` lost).
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
import { recordOwnText } from '../../src/editor/binding/own-text.js';
import { scopeUndoToOwnContent } from '../../src/editor/binding/undo-scope.js';
import { dropStrayPropertiesOnUndo } from '../../src/editor/binding/undo-stray-properties.js';
import {
  headlessText,
  mergeTwo,
  settle,
  sortedWords,
  twoMovingPeople,
  undoManagerOf,
} from '../support/headless-clients.js';
import { $textHolding, enterBefore, run, toList } from '../support/headless-typing.js';

// As the editor's LosslessBindingPlugin does (they patch the undo manager's class).
scopeUndoToOwnContent();
dropStrayPropertiesOnUndo();

/** Types `letters` at the end of the first block. */
const typeAtEndOfLine = (editor: LexicalEditor, letters: string): void =>
  run(editor, () => {
    $getRoot().getFirstChildOrThrow().selectEnd();
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.insertText(letters);
  });

/** Selects from `word` to the text node's end but its last `keep` letters, and types `letters` over it. */
const writeOverAllBut = (editor: LexicalEditor, word: string, keep: number, letters: string): void =>
  run(editor, () => {
    const text = $textHolding(word);
    text.select(text.getTextContent().indexOf(word), text.getTextContentSize() - keep);
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.insertText(letters);
  });

describe.each([0, 2])('letters left of an undone Enter in a line someone made a list (Grace’s id %i)', (graceId) => {
  it('keeps the letters the list’s maker never saw', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, () => {
      $getRoot().append($createParagraphNode().append($createTextNode('alpha beta')));
    });
    recordOwnText(grace);
    const undo = undoManagerOf(grace, b);
    for (const word of [' gamma', ' delta']) {
      typeAtEndOfLine(b, word);
      await settle();
    }
    enterBefore(b, 'gamma');
    undo.undo();
    b.read(() => undefined);
    await settle();
    expect(headlessText(b)).toBe('alpha beta gamma delta');
    writeOverAllBut(b, 'gamma', 2, 'epsilon ze');
    expect(headlessText(b)).toBe('alpha beta epsilon zeta');
    toList(a);
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['alpha', 'beta', 'epsilon', 'zeta']);
  });
});
