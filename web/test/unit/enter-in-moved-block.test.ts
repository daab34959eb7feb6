import { $createParagraphNode, $createTextNode, $getRoot, $getSelection, $isRangeSelection, type LexicalEditor, type TextNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import { toList } from '../support/headless-typing.js';
import { mergeTwo, twoMovingPeople } from '../support/headless-clients.js';

const run = (editor: LexicalEditor, change: () => void): void => editor.update(change, { discrete: true });

const enterAt = (editor: LexicalEditor, offset: number): void =>
  run(editor, () => {
    $getRoot().getFirstDescendant<TextNode>()!.select(offset, offset);
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.insertParagraph();
  });

describe.each([
  ['Grace', 0],
  ['Ada', 2],
])('Enter in a block someone moves (%s wins)', (_, graceId) => {
  it('shows each word once', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, () =>
      $getRoot().append($createParagraphNode().append($createTextNode('alpha beta gamma'))),
    );
    enterAt(a, 6);
    toList(b);
    const [textA, textB] = await mergeTwo(a, b, ada, grace);
    console.log(JSON.stringify([textA, textB]));
    expect(textA).toBe(textB);
  });
});
