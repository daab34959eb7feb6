/**
 * Text Ada's Enter and Word paste carried out of a list item, while Grace, offline, made the
 * list a quote, shows once even after Bea moved the same items again (issue 19; fuzz seed 13 at
 * 48 steps; editor/binding/carried-away.ts, note-order.ts). Bea's later notes replace Ada's
 * under the items' ids: Ada's carried moves must still give way when Grace's quote wins, and
 * when Ada's Backspace at the list's start wins over the quote, the quote must give up the
 * carried words though no note names Ada's carry any more. Likewise Bea's move of an item
 * inside the list Grace moved gives way to Grace's. Every order of client ids is run, so each
 * person's note wins in some.
 */
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
import { backspaceAtListStart, enterBefore, quoteAt, run, toList } from '../support/headless-typing.js';

/** A Word paste (a bold paragraph, then an italic one) at the start of the last text: its end lands after the list. */
const pasteWordAtLastText = (editor: LexicalEditor): void =>
  run(editor, () => {
    $getRoot().getLastDescendant<TextNode>()!.select(0, 0);
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    selection.insertNodes([
      $createParagraphNode().append($createTextNode('first').toggleFormat('bold')),
      $createParagraphNode().append($createTextNode('second').toggleFormat('italic')),
    ]);
  });

describe.each([
  ['Ada', 0],
  ['Grace', 2],
])(
  'a later move of the list, by someone who saw one’s move of its item, is no rival (%s’s client id is lower)',
  (_, graceId) => {
    it('Ada makes the second item a quote, then Grace makes the list a quote: Ada’s keeps its words', async () => {
      const [ada, grace] = [movingPerson(1), movingPerson(graceId)];
      run(ada.editor, () => void $getRoot().append($createParagraphNode().append($createTextNode('one two'))));
      toList(ada.editor);
      run(ada.editor, () => {
        $getRoot().getLastDescendant<TextNode>()!.selectEnd().insertParagraph();
        $getSelection()!.insertText('two three');
      });
      await syncPeople([ada, grace]);
      quoteAt(ada.editor, 'three');
      await syncPeople([ada, grace]);
      quoteAt(grace.editor, 'one');
      await syncPeople([ada, grace]);
      const [text, other] = [ada, grace].map((person) => headlessText(person.editor));
      expect(other).toBe(text);
      expect(text!.split(/\s+/).sort()).toEqual(['one', 'three', 'two', 'two']);
    });
  },
);

describe.each([
  [1, 2, 3],
  [1, 3, 2],
  [2, 1, 3],
  [2, 3, 1],
  [3, 1, 2],
  [3, 2, 1],
])('client ids: Ada %i, Bea %i, Grace %i', (adaId, beaId, graceId) => {
  it.each([false, true])(
    'Ada carries a word out of a list item twice, Bea moves both items, Ada backspaces at the list’s start: %s',
    async (isBackspaced) => {
      const [ada, bea, grace] = [movingPerson(adaId), movingPerson(beaId), movingPerson(graceId)];
      run(
        ada.editor,
        () => void $getRoot().append($createParagraphNode().append($createTextNode('alpha beta gamma delta'))),
      );
      toList(ada.editor);
      await syncPeople([ada, bea, grace]);
      quoteAt(grace.editor, 'alpha');
      // "delta" goes into a new item, then into a paragraph after the list.
      enterBefore(ada.editor, 'delta');
      pasteWordAtLastText(ada.editor);
      await syncPeople([ada, bea]);
      enterBefore(bea.editor, 'beta');
      quoteAt(bea.editor, 'first');
      await syncPeople([ada, bea]);
      if (isBackspaced) backspaceAtListStart(ada.editor);
      await syncPeople([ada, bea, grace]);
      const [text, ...others] = [ada, bea, grace].map((person) => headlessText(person.editor));
      expect(others).toEqual([text, text]);
      for (const word of ['alpha', 'beta', 'first', 'gamma', 'second', 'delta']) {
        expect(text!.split(word).length - 1, `${word} in ${JSON.stringify(text)}`).toBe(1);
      }
    },
  );

  it('Ada’s Enter puts a word into a new item and Bea makes that item a quote', async () => {
    const [ada, bea, grace] = [movingPerson(adaId), movingPerson(beaId), movingPerson(graceId)];
    run(
      ada.editor,
      () => void $getRoot().append($createParagraphNode().append($createTextNode('alpha beta gamma delta'))),
    );
    toList(ada.editor);
    await syncPeople([ada, bea, grace]);
    quoteAt(grace.editor, 'alpha');
    enterBefore(ada.editor, 'delta');
    await syncPeople([ada, bea]);
    // Bea's move of a block inside the list Grace moved: it gives way when Grace's holds its words.
    quoteAt(bea.editor, 'delta');
    await syncPeople([ada, bea, grace]);
    const [text, ...others] = [ada, bea, grace].map((person) => headlessText(person.editor));
    expect(others).toEqual([text, text]);
    for (const word of ['alpha', 'beta', 'gamma', 'delta']) {
      expect(text!.split(word).length - 1, `${word} in ${JSON.stringify(text)}`).toBe(1);
    }
  });
});
