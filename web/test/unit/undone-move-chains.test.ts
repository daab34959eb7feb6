/**
 * One undo that takes back two moves of a block at once, offline, while a collaborator moves
 * the block the first move made, keeps the block's words once (issue 19;
 * editor/binding/undone-chains.ts). The editing fuzz, seed 3 at 48 steps with every action:
 * a person made a heading a list item, went offline, made it a quote, typed, and undid all of
 * it in one step, while another made the list item a quote. The undo brings the heading back,
 * noted as where the first move lands; the second move's note still named the deleted quote,
 * so whichever copy lost was kept whole (no copy of it could be found): every word twice.
 * Client ids are fixed, so which move wins the shared note is known; each test runs with
 * either person winning.
 */
import { $insertList } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $createTextNode, $getRoot, $getSelection, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { headlessText, mergeTwo, sortedWords, twoMovingPeople, undoManagerOf } from '../support/headless-clients.js';
import { run } from '../support/headless-typing.js';

const toList = (editor: LexicalEditor): void =>
  run(editor, () => {
    $getRoot().getFirstDescendant()!.selectEnd();
    $insertList('bullet');
  });

/** As the toolbar's block menu does. */
const toQuote = (editor: LexicalEditor): void =>
  run(editor, () => {
    $getRoot().getFirstDescendant()!.selectEnd();
    $setBlocksType($getSelection(), $createQuoteNode);
  });

describe.each([
  ['Grace', 0],
  ['Ada', 2],
])('one undo taking back two moves of a block, offline, while another moved it (%s’s note wins)', (_, graceId) => {
  it('keeps the block’s words once (a heading made a list item, then a quote, with a word typed)', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, () =>
      $getRoot().append($createHeadingNode('h2').append($createTextNode('alpha beta'))),
    );
    const undo = undoManagerOf(grace, b, 60_000);
    toList(b);
    await mergeTwo(a, b, ada, grace);
    // Offline from here: Grace's quote and undo, Ada's quote, meet at the merge.
    toQuote(b);
    run(b, () => void $getRoot().getLastDescendant()!.selectEnd().insertText(' omega'));
    undo.undo();
    expect(headlessText(b)).toBe('alpha beta');
    toQuote(a);
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['alpha', 'beta']);
  });
});
