/**
 * A paste of several paragraphs into the block Enter made, in a list item someone else
 * makes a quote meanwhile, shows each word once (issue 19; editor/binding/carried-text.ts
 * isCarriedCopy, carried-in-moved.ts). Found by the editing fuzz (seed 13, 48 steps): a Word
 * paste into the new list item carried the text after the caret on, into a third item or
 * into a paragraph after the list. The quote deleted the list: the rescue of one's unseen
 * text in it brought the carried text back, and in the paragraph it simply stayed, though
 * the quote holds it. Each test runs with either person's note winning.
 */
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  type LexicalEditor,
  type TextNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { mergeTwo, twoMovingPeople } from '../support/headless-clients.js';
import { toList } from '../support/headless-typing.js';

const run = (editor: LexicalEditor, change: () => void): void => editor.update(change, { discrete: true });

const enterAt = (editor: LexicalEditor, offset: number): void =>
  run(editor, () => {
    $getRoot().getFirstDescendant<TextNode>()!.select(offset, offset);
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.insertParagraph();
  });

/**
 * Pastes what a Word paste makes (a bold paragraph, an italic list paragraph, as a list or as
 * a paragraph: then it lands after the list) at the start of the last text.
 */
const pasteWordAtLastText = (editor: LexicalEditor, typed: string, isList: boolean): void =>
  run(editor, () => {
    $getRoot().getLastDescendant<TextNode>()!.select(0, 0);
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    if (typed !== '') selection.insertText(typed);
    const item = $createListItemNode().append($createTextNode('second').toggleFormat('italic'));
    selection.insertNodes([
      $createParagraphNode().append($createTextNode('first').toggleFormat('bold')),
      isList ? $createListNode('bullet').append(item) : $createParagraphNode().append(item.getFirstChildOrThrow()),
    ]);
  });

const quoteFirst = (editor: LexicalEditor): void =>
  run(editor, () => {
    $getRoot().getFirstChildOrThrow().selectEnd();
    $setBlocksType($getSelection(), $createQuoteNode);
  });

describe.each([
  ['Ada', 0],
  ['Grace', 2],
])('a paste carrying on text Enter carried out of a list item shows it once (%s’s note wins)', (_, graceId) => {
  it.each([
    ['', true],
    [' typed ', true],
    ['', false],
    [' typed ', false],
  ])(
    'Ada presses Enter, types %j and pastes from Word (its last paragraph a list: %s) while Grace makes the item a quote',
    async (typed, isList) => {
      const people = await twoMovingPeople(graceId, () => {
        $getRoot().append($createParagraphNode().append($createTextNode('alpha beta gamma')));
      });
      const [a, b] = people;
      toList(a);
      await mergeTwo(...people);
      enterAt(a, 11);
      pasteWordAtLastText(a, typed, isList);
      quoteFirst(b);
      const [textA, textB] = await mergeTwo(...people);
      expect(textA).toBe(textB);
      for (const word of ['alpha', 'beta', 'first', 'gamma', 'second', ...(typed === '' ? [] : ['typed'])]) {
        expect(textA!.split(word).length - 1, `${word} in ${JSON.stringify(textA)}`).toBe(1);
      }
    },
  );
});
