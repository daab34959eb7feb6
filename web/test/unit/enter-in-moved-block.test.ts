import { $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
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
import { toList } from '../support/headless-typing.js';
import { mergeTwo, sortedWords, twoMovingPeople } from '../support/headless-clients.js';

const run = (editor: LexicalEditor, change: () => void): void => editor.update(change, { discrete: true });

const enterAt = (editor: LexicalEditor, offset: number): void =>
  run(editor, () => {
    $getRoot().getFirstDescendant<TextNode>()!.select(offset, offset);
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.insertParagraph();
  });

const toBlock = (editor: LexicalEditor, create: () => ReturnType<typeof $createQuoteNode>): void =>
  run(editor, () => {
    $getRoot().getFirstDescendant<TextNode>()!.select(0, 0);
    $setBlocksType($getSelection(), create);
  });

const paragraph = () => $getRoot().append($createParagraphNode().append($createTextNode('alpha beta gamma')));

describe.each([
  ['Grace', 0],
  ['Ada', 2],
])('Enter in a block someone moves (%s wins)', (_, graceId) => {
  it('paragraph made a list item', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, paragraph);
    enterAt(a, 6);
    toList(b);
    const [textA, textB] = await mergeTwo(a, b, ada, grace);
    console.log(JSON.stringify([textA, textB]));
    expect(textA).toBe(textB);
    expect(sortedWords(textA!)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('list item made a quote', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, () => {
      paragraph();
      $getRoot().getFirstChildOrThrow().selectEnd();
    });
    toList(a);
    await mergeTwo(a, b, ada, grace);
    enterAt(a, 6);
    run(a, () => void $getRoot().getLastDescendant()!.selectEnd().insertText(' typed'));
    toBlock(b, $createQuoteNode);
    toBlock(b, $createParagraphNode as never);
    const [textA, textB] = await mergeTwo(a, b, ada, grace);
    console.log(JSON.stringify([textA, textB]));
    expect(textA).toBe(textB);
    expect(sortedWords(textA!)).toEqual(['alpha', 'beta', 'gamma', 'typed']);
  });
});
