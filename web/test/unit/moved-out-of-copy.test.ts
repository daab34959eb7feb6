/**
 * A block two people moved at once is kept once when the loser had since moved a block out of
 * its copy (issue 19; editor/binding/current-move.ts movedOutOf, concurrent-moves.ts). Ada made
 * a line a list item, Bob pressed Enter in it (a second item), and Ada made the first item a
 * heading: the list, Ada's copy, stays with Bob's item, and the first words are in the heading.
 * Carol, offline, had made the line a list item too, and her move won. Ada gave way or trimmed
 * the list only: the heading's words showed twice (the fuzz's seed 167 at 48 steps, default
 * pass, a second run: the line's first word twice). Client ids are fixed, so which move wins is
 * known; each test runs with Carol's move winning and losing.
 */
import { $createHeadingNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $createParagraphNode, $createTextNode, $getRoot, $getSelection } from 'lexical';
import { describe, expect, it } from 'vitest';
import { movingPerson, sortedWords, type Person, syncEveryWay } from '../support/headless-clients.js';
import { $textHolding, enterBefore, run, toList, typeAfter, writeOverRest } from '../support/headless-typing.js';

/** Makes the block holding `word` a heading, as Ctrl+Alt+1 does. */
const headingAt = (person: Person, word: string): void =>
  run(person.editor, () => {
    $textHolding(word).select(0, 0);
    $setBlocksType($getSelection(), () => $createHeadingNode('h1'));
  });

/**
 * Ada (1), Bob (2) and Carol (`carolId`). Carol, offline, lists the line and writes over all but its
 * first word; online, Ada lists it, Bob splits the item, Ada makes the first item a heading.
 */
async function headingOutOfList(carolId: number): Promise<string[]> {
  const [ada, bob, carol] = [movingPerson(1), movingPerson(2), movingPerson(carolId)];
  run(ada.editor, () => $getRoot().append($createParagraphNode().append($createTextNode('w0001hq w0002oq w0003vq'))));
  await syncEveryWay([ada, bob, carol]);
  toList(carol.editor);
  typeAfter(carol.editor, 'w0001hq', ' w0029vq');
  writeOverRest(carol.editor, 'w0029vq', ' w0033xq');
  toList(ada.editor);
  await syncEveryWay([ada, bob]);
  enterBefore(bob.editor, 'w0003vq');
  await syncEveryWay([ada, bob]);
  headingAt(ada, 'w0001hq');
  await syncEveryWay([ada, bob]);
  return syncEveryWay([ada, bob, carol]);
}

describe.each([
  ['wins', 3],
  ['loses', 0],
])('a list item Ada moved out of her list copy, while Carol moved the line offline (Carol’s move %s)', (_, carolId) => {
  it('shows each word once when Carol wrote over all but the first word', async () => {
    const texts = await headingOutOfList(carolId);
    expect(new Set(texts).size).toBe(1);
    expect(sortedWords(texts[0]!)).toEqual(['w0001hq', 'w0002oq', 'w0003vq', 'w0029vq', 'w0033xq']);
  });
});
