/**
 * Linking a word in the middle of a text node keeps the text after it in place (issue 19,
 * fuzz seed 9 at 48 steps: "w0010sq w0011zq" showed twice). Two people who each link a
 * different word of one text node at once used to each write a copy of the text after
 * their word, so the words after both links showed twice.
 */
import { $isLinkNode } from '@lexical/link';
import { $createParagraphNode, $createTextNode, $getRoot, $isElementNode, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { mergeTwo, twoMovingPeople } from '../support/headless-clients.js';
import { linkWord, typeAtEnd } from '../support/headless-typing.js';

/** The texts of the first block's links. */
const linkTexts = (editor: LexicalEditor): string[] =>
  editor.read(() => {
    const block = $getRoot().getFirstChildOrThrow();
    return $isElementNode(block)
      ? block
          .getChildren()
          .filter($isLinkNode)
          .map((node) => node.getTextContent())
      : [];
  });

const buildLine = (): void => {
  $getRoot().append($createParagraphNode().append($createTextNode('w1 w2 w3 w4 w5')));
};

describe('linking a word inside a text node (issue 19)', () => {
  for (const graceId of [2, 0]) {
    it(`keeps every word once when two people link two words of it at once (Grace ${graceId})`, async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, buildLine);
      linkWord(a, 'w2');
      linkWord(b, 'w4');
      const texts = await mergeTwo(a, b, ada, grace);
      expect(texts).toEqual(['w1 w2 w3 w4 w5', 'w1 w2 w3 w4 w5']);
      for (const editor of [a, b]) expect(linkTexts(editor)).toEqual(['w2', 'w4']);
    });

    it(`keeps every word once when one links its first words and another a later word at once (Grace ${graceId})`, async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, buildLine);
      linkWord(a, 'w1 w2');
      linkWord(b, 'w4');
      const texts = await mergeTwo(a, b, ada, grace);
      expect(texts).toEqual(['w1 w2 w3 w4 w5', 'w1 w2 w3 w4 w5']);
      for (const editor of [a, b]) expect(linkTexts(editor)).toEqual(['w1 w2', 'w4']);
    });

    it(`keeps every word once when one links the first word and another the next at once (Grace ${graceId})`, async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, buildLine);
      linkWord(a, 'w1');
      linkWord(b, 'w2');
      const texts = await mergeTwo(a, b, ada, grace);
      expect(texts).toEqual(['w1 w2 w3 w4 w5', 'w1 w2 w3 w4 w5']);
      for (const editor of [a, b]) expect(linkTexts(editor)).toEqual(['w1', 'w2']);
    });
  }

  it('keeps words typed after the linked word meanwhile, once, after the text they followed', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(2, buildLine);
    linkWord(a, 'w2');
    typeAtEnd(b, ' w6');
    linkWord(b, 'w4');
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts).toEqual(['w1 w2 w3 w4 w5 w6', 'w1 w2 w3 w4 w5 w6']);
  });
});
