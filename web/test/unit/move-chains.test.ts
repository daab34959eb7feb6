/**
 * A block moved several times while someone was offline is kept once, with every word
 * (issue 19; editor/binding/move-chains.ts). Ada makes a paragraph a list item, a paragraph
 * again, and a list item again: three copies, each deleting the one before. Grace, offline,
 * moved the same paragraph once or twice and typed into her copy. Her copy was compared
 * with Ada's first copy (long deleted) or judged by what her first move copied, not her
 * last: the paragraph showed twice (editing fuzz, seed 3 at 48 steps), or a word typed
 * between two moves was deleted with the losing copy. Client ids are fixed, so which move
 * wins the shared note is known; each test runs with either person winning.
 */
import { $insertList, $removeList } from '@lexical/list';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  $isTextNode,
  type ElementNode,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { mergeTwo, sortedWords, twoMovingPeople } from '../support/headless-clients.js';

const twoPeople = (graceId: number): ReturnType<typeof twoMovingPeople> =>
  twoMovingPeople(graceId, () => $getRoot().append($createParagraphNode().append($createTextNode('alpha beta'))));

/** Makes the first paragraph a list item, or the first list item a paragraph again. */
function toggleList(editor: LexicalEditor): void {
  editor.update(
    () => {
      const first = $getRoot().getFirstChildOrThrow();
      first.selectEnd();
      if (first.getType() === 'list') $removeList();
      else $insertList('bullet');
    },
    { discrete: true },
  );
}

function typeAtEnd(editor: LexicalEditor, word: string): void {
  editor.update(
    () => {
      const text = $getRoot().getFirstDescendant();
      if ($isTextNode(text)) text.select().insertText(` ${word}`);
    },
    { discrete: true },
  );
}

function typeAtStart(editor: LexicalEditor, word: string): void {
  editor.update(
    () => {
      const text = $getRoot().getFirstDescendant();
      if ($isTextNode(text)) text.select(0, 0).insertText(`${word} `);
    },
    { discrete: true },
  );
}

/** Ada moves the paragraph three times (a list item, a paragraph, a list item). */
function adaMovesThrice(a: LexicalEditor, typed?: string): void {
  toggleList(a);
  if (typed !== undefined) typeAtEnd(a, typed);
  toggleList(a);
  toggleList(a);
}

describe.each([
  ['Ada', 0],
  ['Grace', 2],
])('a block moved again and again while another moved it offline (%s’s note wins)', (_, graceId) => {
  it('keeps the block once, with the word typed offline into the other copy', async () => {
    const [a, b, ada, grace] = await twoPeople(graceId);
    adaMovesThrice(a);
    toggleList(b);
    typeAtEnd(b, 'offline');
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['alpha', 'beta', 'offline']);
  });

  it('keeps the word typed between two of the moves, once', async () => {
    const [a, b, ada, grace] = await twoPeople(graceId);
    adaMovesThrice(a, 'between');
    toggleList(b);
    typeAtStart(b, 'offline');
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['alpha', 'beta', 'between', 'offline']);
  });

  it('keeps the block once when the offline person moved it twice, typing in between', async () => {
    const [a, b, ada, grace] = await twoPeople(graceId);
    toggleList(a);
    toggleList(a);
    toggleList(b);
    typeAtEnd(b, 'first');
    toggleList(b);
    typeAtStart(b, 'second');
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['alpha', 'beta', 'first', 'second']);
  });
});

/** Backspace at the start of the second paragraph: joins it onto the first. */
function joinSecondOntoFirst(editor: LexicalEditor): void {
  editor.update(
    () => {
      $getRoot().getChildAtIndex(1)!.selectStart();
      const selection = $getSelection();
      if ($isRangeSelection(selection)) selection.deleteCharacter(true);
    },
    { discrete: true },
  );
}

/** Makes the block at `index` a list item. */
function listAt(editor: LexicalEditor, index: number): void {
  editor.update(
    () => {
      $getRoot().getChildAtIndex(index)!.selectEnd();
      $insertList('bullet');
    },
    { discrete: true },
  );
}

function typeAtEndOf(editor: LexicalEditor, index: number, word: string): void {
  editor.update(
    () => {
      const text = $getRoot().getChildAtIndex<ElementNode>(index)!.getLastDescendant();
      if ($isTextNode(text)) text.select().insertText(` ${word}`);
    },
    { discrete: true },
  );
}

const twoParagraphs = (): void => {
  for (const line of ['first', 'alpha beta']) $getRoot().append($createParagraphNode().append($createTextNode(line)));
};

/** Each word once, wherever it landed; the join glues "alpha" onto "first" when it stays. */
function expectOnce(text: string, words: string[]): void {
  const found = sortedWords(text);
  const alpha = found.includes('firstalpha') ? ['firstalpha'] : ['alpha', 'first'];
  expect(found).toEqual([...alpha, ...words].sort());
}

describe.each([
  ['Ada', 0],
  ['Grace', 2],
])(
  'a block joined onto the one before, which then moved, while another moved it offline (%s’s note wins)',
  (_, graceId) => {
    it('keeps the block once when the joiner then moved the joined block', async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, twoParagraphs);
      joinSecondOntoFirst(a);
      listAt(a, 0);
      listAt(b, 1);
      typeAtEndOf(b, 1, 'offline');
      const texts = await mergeTwo(a, b, ada, grace);
      expect(texts[0]).toBe(texts[1]);
      expectOnce(texts[0]!, ['beta', 'offline']);
    });

    it('keeps the block once when the one offline joined it and then moved the joined block', async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, twoParagraphs);
      listAt(a, 1);
      typeAtEndOf(a, 1, 'online');
      joinSecondOntoFirst(b);
      listAt(b, 0);
      typeAtEndOf(b, 0, 'offline');
      const texts = await mergeTwo(a, b, ada, grace);
      expect(texts[0]).toBe(texts[1]);
      expectOnce(texts[0]!, ['beta', 'offline', 'online']);
    });
  },
);
