/**
 * A block holding a link, moved by two people at once, is kept once (issue 19;
 * editor/binding/moved-copy.ts, given-way.ts). A link is a block of its own inside the
 * text, so the moved characters break at it: a move of a block holding one was never noted,
 * and both copies stayed (editing fuzz, seed 3 at 48 steps with every action: one person
 * linked a word while another, offline, made the list item a quote, and then a third made it
 * a quote too). And a losing copy whose author had linked a word in it since handed its
 * other words over to the winner before finding that the link could not go: those words
 * showed twice. Client ids are fixed, so which move wins the shared note is known; each
 * test runs with either person winning.
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
  $isElementNode,
  $isTextNode,
  type ElementNode,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { mergeTwo, sortedWords, twoMovingPeople } from '../support/headless-clients.js';

function blockType(editor: LexicalEditor, make: () => void): void {
  editor.update(
    () => {
      const text = $getRoot().getFirstDescendant();
      if ($isTextNode(text)) text.select();
    },
    { discrete: true },
  );
  editor.update(make, { discrete: true });
}

const toList = (editor: LexicalEditor): void => blockType(editor, () => $insertList('number'));
const toQuote = (editor: LexicalEditor): void =>
  blockType(editor, () => $setBlocksType($getSelection(), () => $createQuoteNode()));

/** Appends a linked word to the first block (into a list's first item). */
function appendLink(editor: LexicalEditor, word: string): void {
  editor.update(
    () => {
      let block = $getRoot().getFirstChildOrThrow<ElementNode>();
      for (let inner = block.getFirstChild(); block.getType() === 'list' && $isElementNode(inner);) {
        block = inner;
        inner = block.getFirstChild();
      }
      block.append($createTextNode(' '), $createLinkNode('https://example.com').append($createTextNode(word)));
    },
    { discrete: true },
  );
}

function type(editor: LexicalEditor, word: string, where: 'start' | 'end'): void {
  editor.update(
    () => {
      const text = where === 'start' ? $getRoot().getFirstDescendant() : $getRoot().getLastDescendant();
      if (!$isTextNode(text)) return;
      if (where === 'start') text.select(0, 0).insertText(`${word} `);
      else text.select().insertText(` ${word}`);
    },
    { discrete: true },
  );
}

/** A numbered list item "alpha beta gamma" both have; Grace then makes it a quote offline and types into it. */
async function graceQuotesOffline(graceId: number): ReturnType<typeof twoMovingPeople> {
  const [a, b, ada, grace] = await twoMovingPeople(graceId, () =>
    $getRoot().append($createParagraphNode().append($createTextNode('alpha beta gamma'))),
  );
  toList(a);
  await mergeTwo(a, b, ada, grace);
  toQuote(b);
  type(b, 'offline', 'end');
  type(b, 'first', 'start');
  return [a, b, ada, grace];
}

describe.each([
  ['Ada', 0],
  ['Grace', 2],
])('a list item holding a link, made a quote by two people at once (%s’s note wins)', (_, graceId) => {
  it('is there once when the link was there before the move', async () => {
    const [a, b, ada, grace] = await graceQuotesOffline(graceId);
    appendLink(a, 'linked');
    toQuote(a);
    type(a, 'online', 'end');
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['alpha', 'beta', 'first', 'gamma', 'linked', 'offline', 'online']);
  });

  it('is there once when the link was made in the moved copy', async () => {
    const [a, b, ada, grace] = await graceQuotesOffline(graceId);
    toQuote(a);
    appendLink(a, 'linked');
    type(a, 'online', 'end');
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['alpha', 'beta', 'first', 'gamma', 'linked', 'offline', 'online']);
  });
});
