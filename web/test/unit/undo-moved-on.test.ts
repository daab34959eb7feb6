/**
 * Undoing one's move of a block that a collaborator has since moved again keeps the block's
 * words once (issue 19; editor/binding/undone-moved-on.ts). The editing fuzz, seed 17 with
 * every action: one person made a code block a numbered list, another (who had received
 * it) made the list a paragraph again, and the first person's undo brought the code block
 * back beside that paragraph: every word of the block twice.
 */
import { $insertList, $removeList } from '@lexical/list';
import { $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isTextNode,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { mergeTwo, sortedWords, twoMovingPeople, undoManagerOf } from '../support/headless-clients.js';
import { run } from '../support/headless-typing.js';

const toList = (editor: LexicalEditor): void =>
  run(editor, () => {
    $getRoot().getFirstDescendant()!.selectEnd();
    $insertList('number');
  });

const unList = (editor: LexicalEditor): void =>
  run(editor, () => {
    $getRoot().getFirstDescendant()!.selectEnd();
    $removeList();
  });

const toQuote = (editor: LexicalEditor): void =>
  run(editor, () => {
    $getRoot().getFirstDescendant()!.selectEnd();
    $setBlocksType($getSelection(), $createQuoteNode);
  });

const paragraph = (text: string) => () => $getRoot().append($createParagraphNode().append($createTextNode(text)));

describe.each([
  ['Grace', 0],
  ['Ada', 2],
])('undoing one’s move of a block someone moved again since (%s’s notes sort first)', (_, graceId) => {
  it('keeps the block’s words once (a paragraph made a list item, made a paragraph again by another)', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, paragraph('alpha beta'));
    const undo = undoManagerOf(ada, a);
    toList(a);
    await mergeTwo(a, b, ada, grace);
    unList(b);
    await mergeTwo(a, b, ada, grace);
    undo.undo();
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['alpha', 'beta']);
  });

  it('keeps words typed into the moved-on block, and only once (made a quote by another, typed into)', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, paragraph('alpha beta'));
    const undo = undoManagerOf(ada, a);
    toList(a);
    await mergeTwo(a, b, ada, grace);
    toQuote(b);
    run(b, () => void $getRoot().getLastDescendant()!.selectEnd().insertText(' gamma'));
    await mergeTwo(a, b, ada, grace);
    undo.undo();
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('keeps the words once when a line break separates them (a word typed after it since)', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, () =>
      $getRoot().append(
        $createParagraphNode().append($createTextNode('alpha'), $createLineBreakNode(), $createTextNode('beta')),
      ),
    );
    const undo = undoManagerOf(ada, a);
    toList(a);
    await mergeTwo(a, b, ada, grace);
    unList(b);
    run(b, () => {
      const last = $getRoot()
        .getAllTextNodes()
        .find((node) => $isTextNode(node) && node.getTextContent() === 'beta');
      last!.select(0, 0).insertText('gamma ');
    });
    await mergeTwo(a, b, ada, grace);
    undo.undo();
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('still brings the block back when nobody moved it since (the undo of a lone move)', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, paragraph('alpha beta'));
    const undo = undoManagerOf(ada, a);
    toList(a);
    await mergeTwo(a, b, ada, grace);
    undo.undo();
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts).toEqual(['alpha beta', 'alpha beta']);
    expect(a.read(() => $getRoot().getFirstChildOrThrow().getType())).toBe('paragraph');
  });
});
