/**
 * A join carried on by Enter into a list item whose list someone moved unseen (issue 19;
 * editor/binding/carried-text.ts). The editing fuzz, seed 142 at 48 steps: Ada, offline,
 * pressed Backspace at the start of a line with a link (a join: its text is written again at
 * the end of the list item before it, and the line deleted), then Enter before the joined
 * text (it goes on into a new item). Grace meanwhile made the list a heading: the list and
 * both items went. Ada's editor took the new item's text for text carried out of an item
 * Grace had moved, so held by Grace's heading; but Grace never saw the join, the words were
 * only in Ada's items, and the line's words were lost on every page; the words inside the
 * link were missed too, as the rescue did not look into links inside Ada's new item. The words
 * now come back (the link itself does not: moved-links.ts).
 */
import { $createHeadingNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $createParagraphNode, $createTextNode, $getRoot, $getSelection, $isRangeSelection } from 'lexical';
import { describe, expect, it } from 'vitest';
import { mergeTwo, sortedWords, twoMovingPeople } from '../support/headless-clients.js';
import { $textHolding, enterBefore, linkWord, run, toList } from '../support/headless-typing.js';

describe.each([0, 2])('a join carried on into a list someone moved (Grace’s id %i)', (graceId) => {
  it('keeps the joined words', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, () => {
      $getRoot().append($createParagraphNode().append($createTextNode('one two')));
      $getRoot().append($createParagraphNode().append($createTextNode('three four five')));
    });
    toList(b);
    linkWord(b, 'four');
    await mergeTwo(a, b, ada, grace);

    run(b, () => {
      $textHolding('one').select(0, 0);
      $setBlocksType($getSelection(), () => $createHeadingNode('h1'));
    });
    run(a, () => {
      $textHolding('three').select(0, 0);
      const selection = $getSelection();
      if ($isRangeSelection(selection)) selection.deleteCharacter(true);
    });
    enterBefore(a, 'three');
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['five', 'four', 'one', 'three', 'two']);
  });
});
