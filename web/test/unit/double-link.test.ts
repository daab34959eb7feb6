/**
 * Two people linking the same words at once (issue 19). A link is an element (a Y.XmlText in
 * its block): linking deletes the words' characters from the line and writes a link holding a
 * copy of them. Both people did so before they synced, so both copies stayed: "one twotwo three".
 */
import { $createParagraphNode, $createTextNode, $getRoot, $isTextNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import { mergeTwo, twoMovingPeople } from '../support/headless-clients.js';
import { linkWord, run } from '../support/headless-typing.js';

const buildLine = (): void => {
  $getRoot().append($createParagraphNode().append($createTextNode('one two three')));
};

/** Appends `letters` to the text inside the first link, as typing at the link's end does. */
const typeInLink = (editor: Parameters<typeof linkWord>[0], letters: string): void =>
  run(editor, () => {
    const text = $getRoot()
      .getAllTextNodes()
      .find((node) => $isTextNode(node) && node.getParent()?.getType() === 'link');
    text!.setTextContent(text!.getTextContent() + letters);
  });

describe('the same words linked by two people at once (issue 19)', () => {
  for (const graceId of [2, 0]) {
    it(`shows a word both linked once (Grace ${graceId})`, async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, buildLine);
      linkWord(a, 'two');
      linkWord(b, 'two');
      expect(await mergeTwo(a, b, ada, grace)).toEqual(['one two three', 'one two three']);
    });

    it(`shows a whole line both linked once (Grace ${graceId})`, async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, buildLine);
      linkWord(a, 'one two three');
      linkWord(b, 'one two three');
      expect(await mergeTwo(a, b, ada, grace)).toEqual(['one two three', 'one two three']);
    });

    it(`keeps letters typed into either link while offline, once (Grace ${graceId})`, async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, buildLine);
      linkWord(a, 'two');
      typeInLink(a, 'x');
      linkWord(b, 'two');
      typeInLink(b, 'y');
      const texts = await mergeTwo(a, b, ada, grace);
      expect(texts[0]).toBe(texts[1]);
      expect(texts[0]).toMatch(/^one two(xy|yx) three$/);
    });
  }
});
