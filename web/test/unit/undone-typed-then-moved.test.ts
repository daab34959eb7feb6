/**
 * Undoing one step that typed into a block and then moved it, after a collaborator typed into
 * the moved copy (issue 19; editor/binding/undone-split-kept.ts). The editing fuzz, seed 106 at
 * 48 steps: Cora typed two words into a list item and made it a code block within one undo
 * step, Grace typed into the code block, and Cora's undo brought the list item back while the
 * code block stayed whole: the item's words showed twice. Yjs never writes back text typed and
 * deleted in the same step, and that text was taken for text the undo could not write back
 * (into a deleted block), which keeps the new block whole. No one is offline.
 */
import { $insertList } from '@lexical/list';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import { recordOwnText } from '../../src/editor/binding/own-text.js';
import { scopeUndoToOwnContent } from '../../src/editor/binding/undo-scope.js';
import { dropStrayPropertiesOnUndo } from '../../src/editor/binding/undo-stray-properties.js';
import { mergeTwo, sortedWords, twoMovingPeople, undoManagerOf } from '../support/headless-clients.js';
import { run } from '../support/headless-typing.js';

// As the editor's LosslessBindingPlugin does (they patch the undo manager's class).
scopeUndoToOwnContent();
dropStrayPropertiesOnUndo();

const typeAtBlockEnd = (text: string) => () => void $getRoot().getLastDescendant()!.selectEnd().insertText(text);

describe.each([0, 2])(
  'undoing typing and a move of one step after someone typed into the copy (Grace’s id %i)',
  (graceId) => {
    it('shows every word once: the block comes back, the words typed into the copy stay', async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, () =>
        $getRoot().append($createParagraphNode().append($createTextNode('alpha'))),
      );
      recordOwnText(ada);
      const undo = undoManagerOf(ada, a, 60_000);
      run(a, typeAtBlockEnd(' beta'));
      run(a, () => {
        $getRoot().getFirstDescendant()!.selectEnd();
        $insertList('bullet');
      });
      await mergeTwo(a, b, ada, grace);
      run(b, typeAtBlockEnd(' gamma'));
      await mergeTwo(a, b, ada, grace);
      expect(sortedWords((await mergeTwo(a, b, ada, grace))[0]!)).toEqual(['alpha', 'beta', 'gamma']);

      undo.undo();
      const texts = await mergeTwo(a, b, ada, grace);
      expect(texts[0]).toBe(texts[1]);
      expect(sortedWords(texts[0]!)).toEqual(['alpha', 'gamma']);
    });
  },
);
