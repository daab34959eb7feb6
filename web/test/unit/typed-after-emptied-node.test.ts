/**
 * Words typed at the end of a text node someone else emptied and typed into again (issue 19;
 * editor/binding/dangling-text.ts). The editing fuzz, seed 175 at 48 steps (default pass):
 * Grace, offline, typed a word at the end of a line; meanwhile Ada's undo took the line's text
 * (its text node too) and another person typed new words into the empty line. In the merged
 * shared type Grace's word follows the new words, inside their text node, but Grace's editor
 * still had it in the old node: `@lexical/yjs` took it for dangling text and deleted as many
 * characters from the line's start, and the line's words were lost on every page.
 */
import { $createParagraphNode, $createTextNode, $getRoot, $getSelection } from 'lexical';
import { describe, expect, it } from 'vitest';
import { mergeTwo, twoMovingPeople } from '../support/headless-clients.js';
import { run } from '../support/headless-typing.js';

describe.each([2, 0])('typing at the end of a text node someone empties and types into (Grace’s id %i)', (graceId) => {
  it('keeps both people’s words', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, () => {
      $getRoot().append($createParagraphNode().append($createTextNode('w1 w2 ')));
    });
    run(b, () => {
      const text = $getRoot().getAllTextNodes()[0]!;
      text.select(text.getTextContentSize(), text.getTextContentSize());
      $getSelection()!.insertText(' w3 ');
    });
    run(a, () => $getRoot().getAllTextNodes()[0]!.remove());
    run(a, () => {
      $getRoot().getFirstChildOrThrow().selectStart();
      $getSelection()!.insertText(' w5 w6 ');
    });
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    for (const word of ['w3', 'w5', 'w6']) expect(texts[0]!.split(word)).toHaveLength(2);
  });
});
