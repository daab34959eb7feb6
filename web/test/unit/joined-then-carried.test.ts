/**
 * A join carried on by Enter, losing to someone's move of the joined line (issue 19;
 * editor/binding/concurrent-moves.ts). The editing fuzz with all actions, seed 109 at 48 steps:
 * Ada pressed Backspace at the start of a line (a join: its text is copied onto the line
 * before) and then Enter at the same place (the copy goes on into a new line), while Grace,
 * offline, made that line a list item and then a heading. Grace's move won, but Ada's editor
 * looked for its copy only in the line it had joined onto, found nothing there and gave way
 * nowhere: the line showed twice. Cora's word, typed before Grace's move reached anyone, is
 * in Ada's copy only, so Ada's copy keeps just that word.
 */
import { $createHeadingNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $createParagraphNode, $createTextNode, $getRoot, $getSelection, $isRangeSelection } from 'lexical';
import { describe, expect, it } from 'vitest';
import { exchange, mergeTwo, movingPerson, settle, sortedWords, twoMovingPeople } from '../support/headless-clients.js';
import { $textHolding, run, toList } from '../support/headless-typing.js';

/** Puts the caret just before `word` (at the start of its text node's run) and runs `edit` there. */
const atWord = (word: string, edit: () => void) => (): void => {
  const text = $textHolding(word);
  const at = text.getTextContent().indexOf(word);
  text.select(at, at);
  edit();
};

const backspace = (): void => {
  const selection = $getSelection();
  if ($isRangeSelection(selection)) selection.deleteCharacter(true);
};

const enter = (): void => {
  const selection = $getSelection();
  if ($isRangeSelection(selection)) selection.insertParagraph();
};

describe.each([0, 2])('Backspace then Enter at a line’s start while it moves offline (Grace’s id %i)', (graceId) => {
  it('shows each word once', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, () => {
      $getRoot().append($createParagraphNode().append($createTextNode('one')));
      $getRoot().append($createParagraphNode().append($createTextNode('two three')));
    });
    toList(b, 1);
    run(
      b,
      atWord('two', () => $setBlocksType($getSelection(), () => $createHeadingNode('h1'))),
    );
    const cora = movingPerson(5);
    exchange(ada, cora.doc);
    await settle();
    run(cora.editor, () => $textHolding('three').setTextContent('two three four'));
    exchange(ada, cora.doc);
    a.read(() => undefined);
    await settle();

    run(a, atWord('two', backspace));
    run(a, atWord('two', enter));
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['four', 'one', 'three', 'two']);
  });
});
