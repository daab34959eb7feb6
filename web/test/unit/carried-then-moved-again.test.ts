/**
 * Fuzz seed 32 at 48 steps (issue 19): Bea, offline, pastes two paragraphs from Word at the end
 * of a list item, which moves the items after it into a new list; then she makes the pasted
 * paragraph a list item, which joins the lists around it into one (one move of the paragraph
 * and of the new list). Meanwhile Ada made the empty middle item a heading, which moved the
 * last item into a list of its own. Whichever move of the last item wins, its words show once:
 * when Ada's wins, Bea's copy is followed through the join, not through the pasted paragraph.
 */
import type { ListItemNode, ListNode } from '@lexical/list';
import { $createHeadingNode } from '@lexical/rich-text';
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
import { headlessText, movingPerson, syncPeople } from '../support/headless-clients.js';
import { $textHolding, run, toList } from '../support/headless-typing.js';

/** Makes the list's empty item a heading, as Ctrl+Alt+2 does: the items after it go into a new list. */
const headingAtEmptyItem = (editor: LexicalEditor): void =>
  run(editor, () => {
    $getRoot().getFirstChildOrThrow<ListNode>().getChildAtIndex<ListItemNode>(1)!.select();
    $setBlocksType($getSelection(), () => $createHeadingNode('h2'));
  });

/** A Word paste (a bold paragraph, then an italic one) at the end of the text holding `word`. */
const pasteWordAfter = (editor: LexicalEditor, word: string): void =>
  run(editor, () => {
    $textHolding(word).selectEnd();
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    selection.insertNodes([
      $createParagraphNode().append($createTextNode('first').toggleFormat('bold')),
      $createParagraphNode().append($createTextNode('second').toggleFormat('italic')),
    ]);
  });

/** A new list item after the last, holding `text`. */
const addItem = (editor: LexicalEditor, text: string): void =>
  run(editor, () => {
    $getRoot().getLastDescendant<TextNode>()!.selectEnd().insertParagraph();
    $getSelection()!.insertText(text);
  });

describe.each([
  [1, 2],
  [2, 1],
])('client ids: Ada %i, Bea %i', (adaId, beaId) => {
  it('Bea’s paste carries items into a new list, then her list joins them; Ada’s heading moved the last item', async () => {
    const [ada, bea] = [movingPerson(adaId), movingPerson(beaId)];
    run(ada.editor, () => void $getRoot().append($createParagraphNode().append($createTextNode('one two'))));
    toList(ada.editor);
    addItem(ada.editor, '');
    addItem(ada.editor, 'three four');
    await syncPeople([ada, bea]);
    headingAtEmptyItem(ada.editor);
    pasteWordAfter(bea.editor, 'two');
    // The pasted paragraph becomes an item: the lists before and after it join into one.
    toList(bea.editor, 1);
    await syncPeople([ada, bea]);
    const [text, other] = [ada, bea].map((person) => headlessText(person.editor));
    expect(other).toBe(text);
    for (const word of ['one', 'two', 'first', 'second', 'three', 'four']) {
      expect(text!.split(word).length - 1, `${word} in ${JSON.stringify(text)}`).toBe(1);
    }
  });
});
