/**
 * A block two people move at once, split by the losing mover after moving it (Enter, or a
 * paste of several paragraphs), shows each word once (issue 19; editor/binding/split-copies.ts).
 * Found while chasing the editing fuzz (seed 3, 48 steps, every action): a paste of several
 * paragraphs into a moved copy puts the text after the caret into a new block, which neither
 * the winner's words nor the losing copy's trimming took in, so the words there showed twice.
 * Client ids are fixed, so which move wins is known; each test runs with either person winning.
 */
import { $insertList } from '@lexical/list';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isRangeSelection,
  $getSelection,
  type LexicalEditor,
  type TextNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { mergeTwo, sortedWords, twoMovingPeople } from '../support/headless-clients.js';
import { run } from '../support/headless-typing.js';

const toList = (editor: LexicalEditor): void =>
  run(editor, () => {
    $getRoot().getFirstDescendant()!.selectEnd();
    $insertList('bullet');
  });

/** Puts the caret `offset` characters into the first text and types `text`, then presses Enter. */
const splitAt = (editor: LexicalEditor, offset: number, text: string): void =>
  run(editor, () => {
    $getRoot().getFirstDescendant<TextNode>()!.select(offset, offset);
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    selection.insertText(text);
    selection.insertParagraph();
  });

describe.each([
  ['Grace', 0],
  ['Ada', 2],
])('a block two people move at once, split by one of them, shows each word once (%s’s move wins)', (_, graceId) => {
  it('Grace splits her moved copy after typing into it', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, () =>
      $getRoot().append($createParagraphNode().append($createTextNode('alpha beta gamma'))),
    );
    toList(b);
    splitAt(b, 6, 'typed ');
    toList(a);
    run(a, () => void $getRoot().getLastDescendant()!.selectEnd().insertText(' other'));
    const [textA, textB] = await mergeTwo(a, b, ada, grace);
    expect(textA).toBe(textB);
    expect(sortedWords(textA!)).toEqual(['alpha', 'beta', 'gamma', 'other', 'typed']);
  });

  it('Grace pastes two paragraphs into her moved copy, the second glued to a word', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, () =>
      $getRoot().append($createParagraphNode().append($createTextNode('alpha beta gamma'))),
    );
    toList(b);
    run(b, () => void $getRoot().getFirstDescendant()!.selectStart().insertText('typed '));
    run(b, () => {
      $getRoot().getFirstDescendant<TextNode>()!.select(6, 6);
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      selection.insertNodes([
        $createParagraphNode().append($createTextNode('first')),
        $createParagraphNode().append($createTextNode('second')),
      ]);
    });
    toList(a);
    run(a, () => void $getRoot().getLastDescendant()!.selectEnd().insertText(' other'));
    const [textA, textB] = await mergeTwo(a, b, ada, grace);
    expect(textA).toBe(textB);
    // "second" stays glued to "alpha" where the winner's copy has them so.
    for (const word of ['alpha', 'beta', 'first', 'gamma', 'other', 'second', 'typed']) {
      expect(textA!.split(word).length - 1, `${word} in ${JSON.stringify(textA)}`).toBe(1);
    }
  });
});
