/**
 * Undoing Enter after a collaborator deleted the line's first half (issue 19;
 * editor/binding/undone-split-kept.ts). The tables pass of the editing fuzz, seed 68 at 48
 * steps: Cora pressed Enter just after a line's first letter, Grace deleted that letter and
 * then its emptied line, and Cora's undo took away the rest of the line, a dozen words of
 * three people, because Yjs cannot write text back into a deleted block. No one is offline:
 * each edit reaches the other before the next.
 */
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import { recordOwnText } from '../../src/editor/binding/own-text.js';
import { scopeUndoToOwnContent } from '../../src/editor/binding/undo-scope.js';
import { dropStrayPropertiesOnUndo } from '../../src/editor/binding/undo-stray-properties.js';
import { headlessText, mergeTwo, sortedWords, twoMovingPeople, undoManagerOf } from '../support/headless-clients.js';
import { enterBefore, run } from '../support/headless-typing.js';

// As the editor's LosslessBindingPlugin does (they patch the undo manager's class).
scopeUndoToOwnContent();
dropStrayPropertiesOnUndo();

describe.each([0, 2])('undoing Enter after someone deleted the line before it (Grace’s id %i)', (graceId) => {
  it('keeps the words the Enter moved to the new line', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, () => {
      $getRoot().append($createParagraphNode().append($createTextNode('one two three')));
      $getRoot().append($createParagraphNode().append($createTextNode('four')));
    });
    recordOwnText(ada);
    const undo = undoManagerOf(ada, a, 500);
    enterBefore(a, 'two');
    await mergeTwo(a, b, ada, grace);
    run(b, () => $getRoot().getFirstChildOrThrow().remove());
    await mergeTwo(a, b, ada, grace);
    expect(headlessText(a)).toBe('two three\n\nfour');

    undo.undo();
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['four', 'three', 'two']);
  });
});
