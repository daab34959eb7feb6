/**
 * Words one's undo wrote back are kept when a collaborator moved their line unseen (issue 19;
 * editor/binding/restored-unseen.ts). Grace, offline, typed words, pressed Enter before them
 * and undid it: the undo wrote them back as copies, which the rescue (moved-text-rescue.ts)
 * took for undo's work, not her typing. Ada meanwhile made the line a list: nobody wrote the
 * words again and they were lost (editing fuzz, seed 87 at 48 steps). When Ada had seen the
 * words, her list holds them and they must not show twice.
 */
import { $createParagraphNode, $createTextNode, $getRoot, $getSelection, $isRangeSelection } from 'lexical';
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
import { enterBefore, run, toList } from '../support/headless-typing.js';

// As the editor's LosslessBindingPlugin does (they patch the undo manager's class).
scopeUndoToOwnContent();
dropStrayPropertiesOnUndo();

describe.each([0, 2])('an Enter undone offline in a line someone made a list (Grace’s id %i)', (graceId) => {
  async function graceUndoesEnter(isSeen: boolean) {
    const people = await twoMovingPeople(graceId, () => {
      $getRoot().append($createParagraphNode().append($createTextNode('alpha beta')));
    });
    const [a, b, ada, grace] = people;
    recordOwnText(grace);
    const undo = undoManagerOf(grace, b);
    for (const word of [' gamma', ' delta']) {
      run(b, () => {
        $getRoot().getFirstChildOrThrow().selectEnd();
        const selection = $getSelection();
        if ($isRangeSelection(selection)) selection.insertText(word);
      });
      await settle();
    }
    if (isSeen) await mergeTwo(a, b, ada, grace);
    enterBefore(b, 'gamma');
    undo.undo();
    b.read(() => undefined);
    await settle();
    expect(headlessText(b)).toBe('alpha beta gamma delta');
    toList(a);
    return mergeTwo(a, b, ada, grace);
  }

  it('keeps the words the list’s maker never saw', async () => {
    const texts = await graceUndoesEnter(false);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['alpha', 'beta', 'delta', 'gamma']);
  });

  it('shows the words once when the list’s maker had seen them', async () => {
    const texts = await graceUndoesEnter(true);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['alpha', 'beta', 'delta', 'gamma']);
  });
});
