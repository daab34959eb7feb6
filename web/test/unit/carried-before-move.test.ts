/**
 * Enter, then a move of the same block by the same person, while someone else moves the block
 * (issue 19; editor/binding/carried-before-move.ts). Found by the editing fuzz (seed 2 at 48
 * steps, all actions): Ada pressed Enter before a word and made the line a numbered list
 * while Grace, offline, made it a bulleted list. Grace's move wins (her client id is higher):
 * Ada's list copy gave way, but the word her Enter carried into the new line stayed there
 * and in Grace's copy too.
 */
import { $insertList } from '@lexical/list';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  type ElementNode,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { mergeTwo, sortedWords, twoMovingPeople } from '../support/headless-clients.js';
import { $textHolding, run } from '../support/headless-typing.js';

const typeAtEnd = (editor: LexicalEditor, text: string): void =>
  run(
    editor,
    () => void $getRoot().getFirstChildOrThrow<ElementNode>().getLastDescendant()!.selectEnd().insertText(text),
  );

/** Puts the caret `offset` characters into `word` and presses Enter. */
const enterIn = (editor: LexicalEditor, word: string, offset = 0): void =>
  run(editor, () => {
    const text = $textHolding(word);
    const at = text.getTextContent().indexOf(word) + offset;
    text.select(at, at);
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.insertParagraph();
  });

const toList = (editor: LexicalEditor, kind: 'bullet' | 'number'): void =>
  run(editor, () => {
    $getRoot().getFirstChildOrThrow().selectEnd();
    $insertList(kind);
  });

const line = (): void => {
  $getRoot().append($createParagraphNode().append($createTextNode('w1h w2o')));
};

describe('Enter and then a list, in a line someone else makes a list meanwhile (Grace’s move wins)', () => {
  it('shows the word Ada’s Enter carried once', async () => {
    const people = await twoMovingPeople(2, line);
    enterIn(people[0], 'w2o');
    toList(people[0], 'number');
    toList(people[1], 'bullet');
    const [textA, textB] = await mergeTwo(...people);
    expect(textA).toBe(textB);
    expect(sortedWords(textA!)).toEqual(['w1h', 'w2o']);
  });

  it('shows each word once when Grace also typed and pressed Enter in her list, offline', async () => {
    const people = await twoMovingPeople(2, line);
    enterIn(people[0], 'w2o');
    toList(people[0], 'number');
    typeAtEnd(people[1], ' w4cq');
    toList(people[1], 'bullet');
    enterIn(people[1], 'w4cq', 3);
    typeAtEnd(people[1], ' w5');
    const [textA, textB] = await mergeTwo(...people);
    expect(textA).toBe(textB);
    expect(sortedWords(textA!)).toEqual(['q', 'w1h', 'w2o', 'w4c', 'w5']);
  });
});

describe('Enter and then a list, in a line someone else makes a list meanwhile (Ada’s move wins)', () => {
  it('shows the word Ada’s Enter carried once', async () => {
    const people = await twoMovingPeople(0, line);
    enterIn(people[0], 'w2o');
    toList(people[0], 'number');
    toList(people[1], 'bullet');
    const [textA, textB] = await mergeTwo(...people);
    expect(textA).toBe(textB);
    expect(sortedWords(textA!)).toEqual(['w1h', 'w2o']);
  });

  it('shows each word once when Grace also typed and pressed Enter in her list, offline', async () => {
    const people = await twoMovingPeople(0, line);
    enterIn(people[0], 'w2o');
    toList(people[0], 'number');
    typeAtEnd(people[1], ' w4cq');
    toList(people[1], 'bullet');
    enterIn(people[1], 'w4cq', 3);
    typeAtEnd(people[1], ' w5');
    const [textA, textB] = await mergeTwo(...people);
    expect(textA).toBe(textB);
    expect(sortedWords(textA!)).toEqual(['q', 'w1h', 'w2o', 'w4c', 'w5']);
  });
});
