/**
 * Words someone links in a block another person moves at the same moment (issue 19, fuzz
 * seed 7 at 48 steps: a linked word was lost). Ada types a word at the end of a line and
 * links it while Grace, who has not seen it, makes the line a list item: Grace's copy of the
 * line lacks the link, which stayed in the deleted line, out of sight.
 */
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import { mergeTwo, twoMovingPeople } from '../support/headless-clients.js';
import { linkWord, toList, typeAtEnd } from '../support/headless-typing.js';

const buildLine = (): void => {
  $getRoot().append($createParagraphNode().append($createTextNode('w1 w2 w3')));
};

describe('words linked in a block someone moves at the same moment (issue 19)', () => {
  for (const graceId of [2, 0]) {
    it(`keeps a word typed and linked unseen by the mover, once (Grace ${graceId})`, async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, buildLine);
      typeAtEnd(a, ' w4');
      linkWord(a, 'w4');
      toList(b);
      expect(await mergeTwo(a, b, ada, grace)).toEqual(['w1 w2 w3 w4', 'w1 w2 w3 w4']);
    });

    it(`keeps words the mover had seen before they were linked, once (Grace ${graceId})`, async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, buildLine);
      linkWord(a, 'w2');
      linkWord(a, 'w3');
      toList(b);
      expect(await mergeTwo(a, b, ada, grace)).toEqual(['w1 w2 w3', 'w1 w2 w3']);
    });
  }
});
