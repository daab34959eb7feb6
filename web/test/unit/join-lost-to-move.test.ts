/**
 * A join that lost to another's move of the same line, when the mover's copy lacks words the
 * joiner saw (issue 19; editor/binding/concurrent-moves.ts, copy-reconcile.ts). The editing
 * fuzz, seed 166 at 48 steps (default pass): Ada, offline, typed a word into an empty line and
 * pressed Delete at its end, which joins the next line onto it (the line is deleted and its
 * text written again after her word). Grace meanwhile typed a word over the line's last two
 * words, made the line a list item and then a heading. Grace's move won the shared note, but
 * her copy lacked the two words she had typed over, so Ada's joined text was kept whole and
 * every other word of the line showed twice. Now the joined text keeps only the words
 * Grace's copy lacks; Ada's own line (her word) stays as it was. A tab between two words a
 * losing copy gives up stays whole: deleting its character left a tab node Lexical still
 * showed, with no character behind it in the shared text.
 */
import { $createHeadingNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import {
  $createParagraphNode,
  $createTabNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { headlessText, mergeTwo, sortedWords, twoMovingPeople } from '../support/headless-clients.js';
import { replayPage } from '../support/fuzz-replay.js';
import { $textHolding, run, toList } from '../support/headless-typing.js';

/** Presses Delete (forward) with the caret at the end of block `index`: the next block joins onto it. */
function deleteAtEndOf(editor: LexicalEditor, index: number): void {
  run(editor, () => {
    $getRoot().getChildAtIndex(index)!.selectEnd();
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.deleteCharacter(false);
  });
}

/** Selects `words` and types `letters` over them. */
function typeOver(editor: LexicalEditor, words: string, letters: string): void {
  run(editor, () => {
    const text = $textHolding(words);
    const at = text.getTextContent().indexOf(words);
    text.select(at, at + words.length);
    $getSelection()!.insertText(letters);
  });
}

/** Types `letters` into the empty block `index`. */
function typeInto(editor: LexicalEditor, index: number, letters: string): void {
  run(editor, () => {
    $getRoot().getChildAtIndex(index)!.selectStart();
    $getSelection()!.insertText(letters);
  });
}

/** How many tab nodes in `doc`'s blocks lost their character (Lexical still shows a tab there). */
function tabsWithoutCharacter(doc: Y.Doc): number {
  let count = 0;
  for (const block of doc.get('root', Y.XmlText).toDelta() as Array<{ insert: unknown }>) {
    const ops = block.insert instanceof Y.XmlText ? (block.insert.toDelta() as Array<{ insert: unknown }>) : [];
    ops.forEach(({ insert }, index) => {
      const isTab = insert instanceof Y.Map && insert.get('__type') === 'tab';
      if (isTab && !String(ops[index + 1]?.insert).startsWith('\t')) count++;
    });
  }
  return count;
}

const toHeading = (editor: LexicalEditor, word: string): void =>
  run(editor, () => {
    $textHolding(word).select(0, 0);
    $setBlocksType($getSelection(), () => $createHeadingNode('h1'));
  });

describe.each([2, 0])('a join that lost to a move lacking words the joiner saw (Grace’s id %i)', (graceId) => {
  it('keeps each word of the line once after the mover deleted some of it', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, () => {
      $getRoot().append($createParagraphNode().append($createTextNode('one')));
      $getRoot().append($createParagraphNode().append($createTextNode('alpha beta gamma delta')));
    });
    deleteAtEndOf(a, 0);
    typeOver(b, 'delta', '');
    toList(b, 1);
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    for (const word of ['beta', 'gamma']) expect(texts[0]!.split(word)).toHaveLength(2);
  });

  it('keeps each word once when the mover moved the line on and the joiner typed before the join', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, () => {
      $getRoot().append($createParagraphNode());
      const line = [$createTextNode('w1 w2 w3 '), $createTabNode(), $createTextNode(' w4 w5 w6')];
      $getRoot().append($createParagraphNode().append(...line));
    });
    typeInto(a, 0, ' w9 ');
    deleteAtEndOf(a, 0);
    typeOver(b, 'w5 w6', 'w7');
    toList(b, 1);
    toHeading(b, 'w7');
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    const words = sortedWords(texts[0]!);
    for (const word of ['w1', 'w2', 'w3', 'w4', 'w7', 'w9']) expect(words.filter((w) => w === word)).toHaveLength(1);
    // The shared document says the same: a tab left in the copies keeps its character.
    expect(headlessText((await replayPage([Y.encodeStateAsUpdate(ada)])).editor)).toBe(texts[0]);
    expect(tabsWithoutCharacter(ada)).toBe(0);
  });
});
