/**
 * Enter, or a paste of several paragraphs, in a block someone else moves at the same moment
 * shows each word once (issue 19; editor/binding/carried-text.ts, note-order.ts). Found by the
 * editing fuzz (seed 13, 48 steps): the text after the caret went into the splitter's new
 * block and stayed in the mover's copy of the block too. Client ids are fixed, so which
 * note wins is known; each test runs with either person winning.
 */
import { $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  type ElementNode,
  type LexicalEditor,
  type TextNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { run, toList } from '../support/headless-typing.js';
import { mergeTwo, sortedWords, twoMovingPeople } from '../support/headless-clients.js';

/** Puts the caret `offset` characters into the first text, as a click does. */
const caretAt = (offset: number): void => void $getRoot().getFirstDescendant<TextNode>()!.select(offset, offset);

const enterAt = (editor: LexicalEditor, offset: number): void =>
  run(editor, () => {
    caretAt(offset);
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.insertParagraph();
  });

const pasteParagraphsAt = (editor: LexicalEditor, offset: number, texts: string[]): void =>
  run(editor, () => {
    caretAt(offset);
    const selection = $getSelection();
    const paragraphs = texts.map((text) => $createParagraphNode().append($createTextNode(text)));
    if ($isRangeSelection(selection)) selection.insertNodes(paragraphs);
  });

const toBlock = (editor: LexicalEditor, create: () => ElementNode): void =>
  run(editor, () => {
    caretAt(0);
    $setBlocksType($getSelection(), create);
  });

const typeAtEnd = (editor: LexicalEditor, text: string): void =>
  run(editor, () => void $getRoot().getLastDescendant()!.selectEnd().insertText(text));

const paragraphOf = (text: string) => (): void => {
  $getRoot().append($createParagraphNode().append($createTextNode(text)));
  $getRoot().getFirstChildOrThrow().selectEnd();
};

const mergedText = async ([a, b, ada, grace]: Awaited<ReturnType<typeof twoMovingPeople>>): Promise<string> => {
  const [textA, textB] = await mergeTwo(a, b, ada, grace);
  expect(textA).toBe(textB);
  return textA!;
};

const mergedWords = async (people: Awaited<ReturnType<typeof twoMovingPeople>>): Promise<string[]> =>
  sortedWords(await mergedText(people));

describe.each([
  ['Ada', 0],
  ['Grace', 2],
])('Enter in a block someone else moves meanwhile shows each word once (%s’s note wins)', (_, graceId) => {
  it('Ada presses Enter mid-paragraph while Grace makes the paragraph a list item', async () => {
    const people = await twoMovingPeople(graceId, paragraphOf('alpha beta gamma'));
    enterAt(people[0], 6);
    toList(people[1]);
    expect(await mergedWords(people)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('Ada pastes two paragraphs mid-paragraph while Grace makes it a list item', async () => {
    const people = await twoMovingPeople(graceId, paragraphOf('alpha beta gamma'));
    pasteParagraphsAt(people[0], 6, ['first', 'second ']);
    toList(people[1]);
    const text = await mergedText(people);
    // "first" may end up glued to "beta", as it was typed right before it.
    for (const word of ['alpha', 'beta', 'first', 'gamma', 'second']) {
      expect(text.split(word).length - 1, `${word} in ${JSON.stringify(text)}`).toBe(1);
    }
  });

  it('both press Enter in one paragraph at different places', async () => {
    const people = await twoMovingPeople(graceId, paragraphOf('alpha beta gamma'));
    enterAt(people[0], 6);
    enterAt(people[1], 11);
    expect(await mergedWords(people)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('Ada presses Enter in a list item and types on while Grace, offline, makes it a quote, then a paragraph', async () => {
    const people = await twoMovingPeople(graceId, paragraphOf('alpha beta gamma'));
    const [a, b] = people;
    toList(a);
    await mergeTwo(...people);
    enterAt(a, 6);
    typeAtEnd(a, ' typed');
    toBlock(b, $createQuoteNode);
    toBlock(b, $createParagraphNode);
    expect(await mergedWords(people)).toEqual(['alpha', 'beta', 'gamma', 'typed']);
  });

  it('Ada presses Enter, then pastes two paragraphs into the new block, while Grace makes the paragraph a list item', async () => {
    const people = await twoMovingPeople(graceId, paragraphOf('alpha beta gamma'));
    const [a, b] = people;
    enterAt(a, 6);
    // The paste carries "gamma" on, out of the block Enter made.
    run(a, () => {
      $getRoot().getLastDescendant<TextNode>()!.select(5, 5);
      const selection = $getSelection();
      const paragraphs = ['first', 'second '].map((text) => $createParagraphNode().append($createTextNode(text)));
      if ($isRangeSelection(selection)) selection.insertNodes(paragraphs);
    });
    toList(b);
    const text = await mergedText(people);
    for (const word of ['alpha', 'beta', 'first', 'gamma', 'second']) {
      expect(text.split(word).length - 1, `${word} in ${JSON.stringify(text)}`).toBe(1);
    }
  });

  it('a later move of a block split by Enter takes none of the split-off words', async () => {
    const people = await twoMovingPeople(graceId, paragraphOf('one two one two'));
    enterAt(people[0], 8);
    await mergeTwo(...people);
    // Grace has seen the split: her move of the first half is no rival of it.
    toList(people[1]);
    expect(await mergedWords(people)).toEqual(['one', 'one', 'two', 'two']);
  });
});
