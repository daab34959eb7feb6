/**
 * A paste of several paragraphs into the block Enter made, in a list item someone else
 * makes a quote meanwhile, shows each word once (issue 19; editor/binding/carried-text.ts
 * isCarriedCopy, carried-in-moved.ts). Found by the editing fuzz (seed 13, 48 steps): a Word
 * paste into the new list item carried the text after the caret on, into a third item or
 * into a paragraph after the list. The quote deleted the list: the rescue of one's unseen
 * text in it brought the carried text back, and in the paragraph it simply stayed, though
 * the quote holds it. Each test runs with either person's note winning.
 *
 * Then Ada pressed Backspace at the start of the list (making its first item a paragraph and
 * the rest a new list, a move of the list too: editor/binding/carried-away.ts). When that won,
 * Grace's quote kept the carried words, which Ada's copy of the list no longer held; when the
 * quote won, Ada's page no longer knew the item had been in the list it deleted itself.
 *
 * And a Word paste in the first of two items carries the text after the caret into a paragraph
 * after the list and moves the second item into a new list: that carry went unnoted, as the
 * paste moved a block too, and the carried text showed beside Grace's quote; and once that was
 * noted, Enter in the carried text undone again left it beside the quote.
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
import { mergeTwo, twoMovingPeople, undoManagerOf } from '../support/headless-clients.js';
import { $textHolding, backspaceAtListStart, enterBefore, run, toList } from '../support/headless-typing.js';

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

/** Enter at the end of the last text, then typing `text` into the new block. */
const enterAtEndAndType = (editor: LexicalEditor, text: string): void =>
  run(editor, () => {
    $getRoot().getLastDescendant<TextNode>()!.selectEnd();
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    selection.insertParagraph();
    selection.insertText(text);
  });

/** A Word paste of two paragraphs (bold, italic) just before `word`. */
const pasteWordBefore = (editor: LexicalEditor, word: string): void =>
  run(editor, () => {
    const text = $textHolding(word);
    text.select(text.getTextContent().indexOf(word), text.getTextContent().indexOf(word));
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    selection.insertNodes([
      $createParagraphNode().append($createTextNode('first').toggleFormat('bold')),
      $createParagraphNode().append($createTextNode('second').toggleFormat('italic')),
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

describe.each([
  ['Ada', 0],
  ['Grace', 2],
])('then Backspace at the start of the list shows each word once too (%s’s note wins)', (_, graceId) => {
  it.each(['', ' typed '])(
    'Ada presses Enter, types %j, pastes from Word and backspaces at the list’s start while Grace, offline, makes it a quote',
    async (typed) => {
      const people = await twoMovingPeople(graceId, () => {
        $getRoot().append($createParagraphNode().append($createTextNode('alpha beta gamma')));
      });
      const [a, b] = people;
      toList(a);
      await mergeTwo(...people);
      quoteFirst(b);
      enterAt(a, 11);
      pasteWordAtLastText(a, typed, false);
      backspaceAtListStart(a);
      const [textA, textB] = await mergeTwo(...people);
      expect(textA).toBe(textB);
      for (const word of ['alpha', 'beta', 'first', 'gamma', 'second', ...(typed === '' ? [] : ['typed'])]) {
        expect(textA!.split(word).length - 1, `${word} in ${JSON.stringify(textA)}`).toBe(1);
      }
    },
  );
});

describe.each([
  ['Ada', 0],
  ['Grace', 2],
])('a Word paste in a list item that also moves the items after it (%s’s client id is higher)', (_, graceId) => {
  it.each([false, true])(
    'Ada pastes before the last word of the first item (then presses Enter before it, types and undoes: %s) while Grace, offline, makes the list a quote',
    async (withUndo) => {
      const people = await twoMovingPeople(graceId, () => {
        $getRoot().append($createParagraphNode().append($createTextNode('alpha beta gamma')));
      });
      const [a, b, ada] = people;
      toList(a);
      await mergeTwo(...people);
      // Enter and the typing after it make one undo step, as in the editor.
      const undo = undoManagerOf(ada, a, 60_000);
      quoteFirst(b);
      enterAtEndAndType(a, 'delta');
      undo.stopCapturing();
      pasteWordBefore(a, 'gamma');
      undo.stopCapturing();
      if (withUndo) {
        // Undo writes the carried text back as new characters (editor/binding/revived-copy.ts).
        enterBefore(a, 'gamma');
        run(a, () => void $getSelection()?.insertText('typed '));
        undo.undo();
      }
      const [textA, textB] = await mergeTwo(...people);
      expect(textA).toBe(textB);
      // Ada's "first", unseen by Grace, may end up glued to "gamma" in the quote.
      for (const word of ['alpha', 'beta', 'first', 'gamma', 'second', 'delta']) {
        expect(textA!.split(word).length - 1, `${word} in ${JSON.stringify(textA)}`).toBe(1);
      }
    },
  );
});
