/**
 * A paste of several paragraphs into the block Enter made, in a list item someone else
 * makes a quote meanwhile, shows each word once (issue 19; editor/binding/carried-text.ts
 * isCarriedCopy). Found by the editing fuzz (seed 13, 48 steps): a Word paste into the new
 * list item carried the text after the caret on into a third item; the quote deleted the
 * list, and the rescue of one's unseen text in it brought that text back, though the
 * quote holds it. Each test runs with either person's note winning.
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

/** Pastes what a Word paste makes (a bold paragraph, an italic list paragraph) at the start of the last text. */
const pasteWordAtLastText = (editor: LexicalEditor, typed: string): void =>
  run(editor, () => {
    $getRoot().getLastDescendant<TextNode>()!.select(0, 0);
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    if (typed !== '') selection.insertText(typed);
    const item = $createListItemNode().append($createTextNode('second').toggleFormat('italic'));
    selection.insertNodes([
      $createParagraphNode().append($createTextNode('first').toggleFormat('bold')),
      $createListNode('bullet').append(item),
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
  it.each(['', ' typed '])(
    'Ada presses Enter, types %j and pastes from Word while Grace makes the item a quote',
    async (typed) => {
      const people = await twoMovingPeople(graceId, () => {
        $getRoot().append($createParagraphNode().append($createTextNode('alpha beta gamma')));
      });
      const [a, b] = people;
      toList(a);
      await mergeTwo(...people);
      enterAt(a, 11);
      pasteWordAtLastText(a, typed);
      quoteFirst(b);
      const [textA, textB] = await mergeTwo(...people);
      expect(textA).toBe(textB);
      for (const word of ['alpha', 'beta', 'first', 'gamma', 'second', ...(typed === '' ? [] : ['typed'])]) {
        expect(textA!.split(word).length - 1, `${word} in ${JSON.stringify(textA)}`).toBe(1);
      }
    },
  );
});
