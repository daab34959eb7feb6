/**
 * A block two people move at once, where one of them glued a word onto another without a
 * space, shows each word once (issue 19; editor/binding/glued-words.ts). Matching the losing
 * copy's words whole against the winner's missed a word glued in either copy, so it showed
 * twice (the seeded fuzz, seed 3 at 48 steps with every action: a Google Docs paste glued its
 * last word onto the winning copy's first). Client ids are fixed, so which move wins is known,
 * and each case runs with either person winning.
 */
import { $createLinkNode } from '@lexical/link';
import { $insertList } from '@lexical/list';
import { $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  type ElementNode,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { gluedParts } from '../../src/editor/binding/glued-words.js';
import { mergeTwo, twoMovingPeople } from '../support/headless-clients.js';
import { run } from '../support/headless-typing.js';

const paragraph = (line: string) => (): void => {
  $getRoot().append($createParagraphNode().append($createTextNode(line)));
};

const toList = (editor: LexicalEditor): void =>
  run(editor, () => {
    $getRoot().getFirstDescendant()!.selectEnd();
    $insertList('bullet');
  });

/** As the toolbar's block menu does. */
const setBlockType = (editor: LexicalEditor, make: () => ElementNode): void =>
  run(editor, () => {
    $getRoot().getFirstDescendant()!.selectEnd();
    $setBlocksType($getSelection(), make);
  });

const typeAtStart = (editor: LexicalEditor, text: string): void =>
  run(editor, () => void $getRoot().getFirstDescendant()!.selectStart().insertText(text));

const typeAtEnd = (editor: LexicalEditor, text: string): void =>
  run(editor, () => void $getRoot().getLastDescendant()!.selectEnd().insertText(text));

const linkAtEnd = (editor: LexicalEditor, text: string): void =>
  run(editor, () => {
    $getRoot()
      .getLastDescendant()!
      .insertAfter($createLinkNode('https://example.test').append($createTextNode(text)));
  });

/** How often `word` occurs, glued to others or not (no word here holds another). */
const timesShown = (text: string, word: string): number => text.split(word).length - 1;

describe.each([
  ['Grace', 0],
  ['Ada', 2],
])('a block two people move at once, a word glued to another, shows each word once (%s’s move wins)', (_, graceId) => {
  it('Grace, offline, makes the list item a quote and back, then pastes words glued to its first word', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, paragraph('alpha beta'));
    toList(b);
    await mergeTwo(a, b, ada, grace);
    setBlockType(b, $createQuoteNode);
    setBlockType(b, $createParagraphNode);
    setBlockType(a, $createQuoteNode);
    typeAtEnd(b, ' gamma');
    typeAtStart(b, 'delta pasted');
    typeAtEnd(a, ' typed ');
    linkAtEnd(a, 'linked');
    const [textA, textB] = await mergeTwo(a, b, ada, grace);
    expect(textA).toBe(textB);
    for (const word of ['alpha', 'beta', 'gamma', 'delta', 'pasted', 'typed', 'linked']) {
      expect(timesShown(textA!, word), `${word} in ${JSON.stringify(textA)}`).toBe(1);
    }
  });

  it('Grace types glued onto the first word, then both make the paragraph a list item', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, paragraph('alpha beta gamma'));
    typeAtStart(b, 'typed');
    toList(b);
    toList(a);
    const [textA, textB] = await mergeTwo(a, b, ada, grace);
    expect(textA).toBe(textB);
    for (const word of ['alpha', 'beta', 'gamma', 'typed']) {
      expect(timesShown(textA!, word), `${word} in ${JSON.stringify(textA)}`).toBe(1);
    }
  });
});

describe('words glued together are matched by their characters', () => {
  it('a winner’s word at either edge of a losing word takes those characters from it', () => {
    // "alpha" and "beta" glued around a paste, between two words both copies hold.
    const parts = gluedParts(
      ['one', 'alphaXYbeta', 'two'],
      ['one', 'alpha', 'beta', 'two'],
      [
        [0, 0],
        [2, 3],
      ],
    );
    expect(parts).toEqual([
      { index: 1, from: 0, to: 5 },
      { index: 1, from: 7, to: 11 },
    ]);
  });

  it('a losing word at an edge of a winner’s word goes whole', () => {
    expect(gluedParts(['alpha', 'beta'], ['pastedalpha', 'beta'], [[1, 1]])).toEqual([{ index: 0, from: 0, to: 5 }]);
  });

  it('a word of fewer than 4 letters is not looked for inside another', () => {
    expect(gluedParts(['therefore'], ['the'], [])).toEqual([]);
    expect(gluedParts(['the'], ['therefore'], [])).toEqual([]);
  });

  it('a winner’s word far from its place in the losing copy takes nothing (seed 24 at 48 steps)', () => {
    // The loser typed "lately" offline; the winner's "late" is what Backspace left of another
    // word typed since, words away. Someone split "alphas" in the winner's copy: that stays matched.
    const mine = ['one', 'alphas', 'lately', 'more'];
    const theirs = ['one', 'alpha', 'new', 's', 'words', 'late', 'end'];
    expect(gluedParts(mine, theirs, [[0, 0]])).toEqual([{ index: 1, from: 0, to: 5 }]);
  });

  it('a winner’s word glued at an edge next to a word both hold still counts', () => {
    expect(
      gluedParts(
        ['one', 'alphazzz', 'two'],
        ['one', 'new', 'alpha', 'two'],
        [
          [0, 0],
          [2, 3],
        ],
      ),
    ).toEqual([{ index: 1, from: 0, to: 5 }]);
  });

  it('a word inside another, or in another gap, stays', () => {
    expect(gluedParts(['xalphax', 'one'], ['alpha', 'one'], [[1, 1]])).toEqual([]);
    expect(gluedParts(['one', 'alphaz'], ['alpha', 'one'], [[0, 1]])).toEqual([]);
  });
});
