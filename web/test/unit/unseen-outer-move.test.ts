/**
 * Cora, offline, moves a list item (makes it a quote, and may press Enter in it) while Ada deletes
 * the item's first word and Grace, who saw that, moves the whole list (Backspace at its start):
 * the item's words show once (issue 19, fuzz seed 38 at 48 steps; editor/binding/unseen-outer-move.ts).
 * Cora's note names the item, Grace's the list; Grace's copy lacks the deleted word, which made
 * Cora's page take Grace's move for one made after seeing Cora's, and keep both copies.
 * Every order of client ids is run, so each person's note wins in some.
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
import { $textHolding, backspaceAtListStart, enterBefore, quoteAt, run, toList } from '../support/headless-typing.js';

/** Selects `word` and the space after it and deletes them. */
const deleteWord = (editor: LexicalEditor, word: string): void =>
  run(editor, () => {
    const text = $textHolding(word);
    const at = text.getTextContent().indexOf(word);
    text.select(at, at + word.length + 1);
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.removeText();
  });

const count = (text: string, word: string): number => text.split(/\s+/).filter((each) => each === word).length;

describe.each([
  [1, 2, 3],
  [1, 3, 2],
  [2, 1, 3],
  [2, 3, 1],
  [3, 1, 2],
  [3, 2, 1],
])('client ids: Ada %i, Grace %i, Cora %i', (adaId, graceId, coraId) => {
  it.each([false, true])('Cora moves the item (and presses Enter in it: %s), Grace the list', async (isSplit) => {
    const [ada, grace, cora] = [movingPerson(adaId), movingPerson(graceId), movingPerson(coraId)];
    run(ada.editor, () => void $getRoot().append($createParagraphNode().append($createTextNode('one two three four'))));
    toList(ada.editor);
    run(ada.editor, () => {
      $getRoot().getLastDescendant<TextNode>()!.selectEnd().insertParagraph();
      $getSelection()!.insertText('five');
    });
    await syncPeople([ada, grace, cora]);
    quoteAt(cora.editor, 'one');
    if (isSplit) enterBefore(cora.editor, 'three');
    deleteWord(ada.editor, 'one');
    await syncPeople([ada, grace]);
    backspaceAtListStart(grace.editor);
    await syncPeople([ada, grace, cora]);

    const [text, ...others] = [ada, grace, cora].map((person) => headlessText(person.editor));
    expect(others).toEqual([text, text]);
    for (const word of ['two', 'three', 'four', 'five']) expect(count(text!, word), `${word} in ${text}`).toBe(1);
    // Cora saw "one" and did not delete it: her copy keeps it, as the words Grace's copy lacks.
    expect(count(text!, 'one')).toBeLessThanOrEqual(1);
  });
});
