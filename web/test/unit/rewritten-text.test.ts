/**
 * Others' text after one's own line break is not written again as one's own (issue 19;
 * editor/binding/in-place-split.ts). A line break in the middle of a text node splits it;
 * the characters after the caret used to be deleted and written again in a new text node
 * under one's own name. When a collaborator who had not seen the break moved the block
 * meanwhile, their copy already holds those characters, so writing them again into it (or as
 * a paragraph of their own, moved-text-rescue.ts) showed them twice (the seeded fuzz, seed 30
 * at 48 steps: Enter in a code block while it was made a list). The split keeps them in place.
 */
import { $insertGeneratedNodes } from '@lexical/clipboard';
import { $insertList } from '@lexical/list';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isRangeSelection,
  $getSelection,
  type TextNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { exchange, headlessText, movingPerson, settle, type Person } from '../support/headless-clients.js';
import { run } from '../support/headless-typing.js';

async function mergeAll(people: Person[]): Promise<string[]> {
  for (let round = 0; round < 4; round++) {
    for (const [i, one] of people.entries()) {
      for (const other of people.slice(i + 1)) exchange(one.doc, other.doc);
    }
    for (const { editor } of people) editor.read(() => undefined);
    await settle();
  }
  return people.map(({ editor }) => headlessText(editor));
}

const times = (text: string, word: string): number => text.split(word).length - 1;

describe('a line break in others’ text of a block someone moves meanwhile', () => {
  it('keeps the words after it once, and what one typed before it', async () => {
    const [ada, carol] = [movingPerson(1), movingPerson(3)];
    run(ada.editor, () => void $getRoot().append($createParagraphNode().append($createTextNode('alpha beta gamma'))));
    await mergeAll([ada, carol]);
    // Carol, offline: types a word, then breaks the line before "beta".
    run(carol.editor, () => {
      const text = $getRoot().getFirstDescendant<TextNode>()!;
      text.select(6, 6);
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) throw new Error('no selection');
      selection.insertText('carol ');
      selection.insertLineBreak();
    });
    // Ada makes the paragraph a list item.
    run(ada.editor, () => {
      $getRoot().getFirstDescendant()!.selectEnd();
      $insertList('bullet');
    });
    const texts = await mergeAll([ada, carol]);
    expect(texts[1]).toBe(texts[0]);
    for (const word of ['alpha', 'carol', 'beta', 'gamma'])
      expect(times(texts[0]!, word), `${word} in ${JSON.stringify(texts[0])}`).toBe(1);
  });
  it('keeps the rest of the line once after a paste into it', async () => {
    const [ada, carol] = [movingPerson(1), movingPerson(3)];
    run(ada.editor, () => void $getRoot().append($createParagraphNode().append($createTextNode('alpha beta gamma'))));
    await mergeAll([ada, carol]);
    // Carol, offline, pastes a bold word and a plain one (as from Google Docs) after "alpha ".
    run(carol.editor, () => {
      $getRoot().getFirstDescendant<TextNode>()!.select(6, 6);
      const pasted = $createParagraphNode().append(
        $createTextNode('pasted').toggleFormat('bold'),
        $createTextNode(' words '),
      );
      $insertGeneratedNodes(carol.editor, [pasted], $getSelection()!);
    });
    run(ada.editor, () => {
      $getRoot().getFirstDescendant()!.selectEnd();
      $insertList('bullet');
    });
    const texts = await mergeAll([ada, carol]);
    expect(texts[1]).toBe(texts[0]);
    for (const word of ['alpha', 'pasted', 'words', 'beta', 'gamma']) {
      expect(times(texts[0]!, word), `${word} in ${JSON.stringify(texts[0])}`).toBe(1);
    }
  });
});
