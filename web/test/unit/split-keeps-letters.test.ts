/**
 * A split inside a text node keeps the letters after it where they are (issue 19;
 * editor/binding/in-place-split.ts). A Tab put in the middle of a text node (a line break,
 * a bold letter, a paste) split it by deleting the letters after the caret and writing them again under the
 * splitter's name. A collaborator who, offline, wrote over the line and made it a list item
 * never saw the words typed into it meanwhile, but those words were already deleted by the
 * split when the mover's update came, so the rescue (moved-text-rescue.ts) took the splitter's
 * copy for text the mover saw and the word was lost on every page (the seeded fuzz, seed 148
 * at 48 steps, all actions).
 */
import { $insertGeneratedNodes } from '@lexical/clipboard';
import { $insertList } from '@lexical/list';
import {
  $createParagraphNode,
  $createTabNode,
  $createTextNode,
  $getEditor,
  $getRoot,
  $getSelection,
  $insertNodes,
  $isRangeSelection,
  type LexicalEditor,
  type RangeSelection,
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

/** Bob, offline: selects the whole line, writes "bobby" over it and makes it a list item. */
const writeOverAsList = (editor: LexicalEditor): void => {
  run(editor, () => {
    const text = $getRoot().getFirstDescendant<TextNode>()!;
    text.select(0, text.getTextContentSize());
    $getSelection()!.insertText('bobby');
  });
  run(editor, () => {
    $getRoot().getFirstDescendant()!.selectEnd();
    $insertList('bullet');
  });
};

const typeAtEnd = (editor: LexicalEditor, letters: string): void =>
  run(editor, () => {
    $getRoot().getLastDescendant<TextNode>()!.selectEnd();
    $getSelection()!.insertText(letters);
  });

/** Selects letters `from` to `to` of the first text node and splits there with `split`. */
const splitAt = (editor: LexicalEditor, [from, to]: [number, number], split: () => void): void =>
  run(editor, () => {
    $getRoot().getFirstDescendant<TextNode>()!.select(from, to);
    split();
  });

const caret = (): RangeSelection => {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) throw new Error('no selection');
  return selection;
};
const insertTab = (): void => $insertNodes([$createTabNode()]);
const insertLineBreak = (): void => caret().insertLineBreak();
const typeBold = (): void => {
  caret().formatText('bold');
  caret().insertText('X');
};
/** A bold word and a plain one, as from Google Docs: the plain one joins the letters after it. */
const paste = (): void =>
  $insertGeneratedNodes(
    $getEditor(),
    [$createParagraphNode().append($createTextNode('pasted').toggleFormat('bold'), $createTextNode(' words '))],
    caret(),
  );

async function wordsAfterSplit(split: () => void, selected: [number, number] = [2, 2]): Promise<string[]> {
  const [ada, bob, carol] = [movingPerson(1), movingPerson(2), movingPerson(3)];
  run(ada.editor, () => void $getRoot().append($createParagraphNode().append($createTextNode('alpha beta'))));
  await mergeAll([ada, bob, carol]);
  writeOverAsList(bob.editor);
  typeAtEnd(ada.editor, ' delta');
  await mergeAll([ada, carol]);
  splitAt(carol.editor, selected, split);
  await mergeAll([ada, carol]);
  return mergeAll([ada, bob, carol]);
}

describe('a split in a line someone offline wrote over', () => {
  it('keeps the word typed after it when the split is a tab', async () => {
    const texts = await wordsAfterSplit(insertTab);
    for (const text of texts) expect(text).toBe(texts[0]);
    expect(texts[0]).toContain('delta');
  });

  it('keeps the word typed after it when the split is a line break', async () => {
    const texts = await wordsAfterSplit(insertLineBreak);
    for (const text of texts) expect(text).toBe(texts[0]);
    expect(texts[0]).toContain('delta');
  });

  it('keeps the word typed after it when the split is a bold letter', async () => {
    const texts = await wordsAfterSplit(typeBold);
    for (const text of texts) expect(text).toBe(texts[0]);
    expect(texts[0]).toContain('delta');
  });

  it('keeps the word typed after it when the split is a tab typed over letters', async () => {
    const texts = await wordsAfterSplit(insertTab, [2, 4]);
    for (const text of texts) expect(text).toBe(texts[0]);
    expect(texts[0]).toContain('delta');
  });

  it('keeps the word typed after it when a bold letter is typed over the first letters', async () => {
    const texts = await wordsAfterSplit(typeBold, [0, 2]);
    for (const text of texts) expect(text).toBe(texts[0]);
    expect(texts[0]).toContain('delta');
  });

  it('keeps the word typed after it when the split is a paste joined to the letters after it', async () => {
    const texts = await wordsAfterSplit(paste);
    for (const text of texts) expect(text).toBe(texts[0]);
    expect(texts[0]).toContain('delta');
  });
});
