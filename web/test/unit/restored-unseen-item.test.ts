/**
 * A list item one added offline keeps the words one's undo wrote back in it when a
 * collaborator made the list paragraphs meanwhile (issue 19; editor/binding/moved-links.ts and
 * restored-unseen.ts). The rescue of one's own unseen element (a link, a list item) read only
 * what one typed in it, leaving out what undo wrote back: Grace split her new item with Enter
 * and undid it, and the words the undo wrote back were lost (editing fuzz, seed 87 at 48 steps).
 */
import { $insertList, $removeList } from '@lexical/list';
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
import { enterBefore, run } from '../support/headless-typing.js';

// As the editor's LosslessBindingPlugin does (they patch the undo manager's class).
scopeUndoToOwnContent();
dropStrayPropertiesOnUndo();

describe.each([0, 2])(
  'an Enter undone in a list item added offline to a list made paragraphs (Grace’s id %i)',
  (graceId) => {
    it('keeps every word of the item', async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, () => {
        $getRoot().append($createParagraphNode().append($createTextNode('alpha beta')));
        $getRoot().getFirstChildOrThrow().selectEnd();
        $insertList('bullet');
      });
      recordOwnText(grace);
      const undo = undoManagerOf(grace, b);
      run(b, () => {
        $getRoot().getLastDescendant()!.selectEnd();
        const selection = $getSelection();
        if ($isRangeSelection(selection)) selection.insertParagraph();
      });
      await settle();
      run(b, () => {
        const selection = $getSelection();
        if ($isRangeSelection(selection)) selection.insertText('gamma delta');
      });
      await settle();
      enterBefore(b, 'delta');
      undo.undo();
      b.read(() => undefined);
      await settle();
      expect(headlessText(b)).toBe('alpha beta\n\ngamma delta');
      run(a, () => {
        $getRoot().getFirstDescendant()!.selectEnd();
        $removeList();
      });
      const texts = await mergeTwo(a, b, ada, grace);
      expect(texts[0]).toBe(texts[1]);
      expect(sortedWords(texts[0]!)).toEqual(['alpha', 'beta', 'delta', 'gamma']);
    });
  },
);
