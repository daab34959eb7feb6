/**
 * Fuzz seed 174 at 48 steps, default pass (issue 19): Bob, offline, types at the end of a
 * quote holding a link, then presses Enter near its start, which carries the rest of the line
 * (the link with it) into a new paragraph. Meanwhile Carol makes the quote a list item, then a
 * heading. When Carol's move wins, Bob's copy of the link gives way: that copy was taken to
 * be the outermost block Bob's transaction wrote around it, the paragraph Enter made, so the
 * whole paragraph went, with the words Bob typed that Carol never saw. Every id order is tried.
 */
import { $createHeadingNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $createParagraphNode, $createTextNode, $getRoot, $getSelection, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { exchange, headlessText, movingPerson, settle, type Person } from '../support/headless-clients.js';
import { $textHolding, enterBefore, linkWord, quoteAt, run, toList, typeAtEnd } from '../support/headless-typing.js';

async function sync(people: Person[]): Promise<void> {
  for (let round = 0; round < 3; round++) {
    for (const [i, a] of people.entries()) for (const b of people.slice(i + 1)) exchange(a.doc, b.doc);
    for (const person of people) person.editor.read(() => undefined);
    await settle();
  }
}

/** Makes the block holding `word` a heading, as Ctrl+Alt+1 does. */
const headingAt = (editor: LexicalEditor, word: string): void =>
  run(editor, () => {
    $textHolding(word).select(0, 0);
    $setBlocksType($getSelection(), () => $createHeadingNode('h1'));
  });

/** Types `letters` just before `word`. */
const typeBefore = (editor: LexicalEditor, word: string, letters: string): void =>
  run(editor, () => {
    $textHolding(word).select(0, 0);
    $getSelection()!.insertText(letters);
  });

describe.each([
  [1, 2, 3],
  [2, 1, 3],
  [3, 1, 2],
  [1, 3, 2],
  [2, 3, 1],
  [3, 2, 1],
])('client ids: Ada %i, Bob %i, Carol %i', (adaId, bobId, carolId) => {
  it('Bob’s words typed offline stay when his Enter carried a link out of the line Carol moved twice', async () => {
    const [ada, bob, carol] = [movingPerson(adaId), movingPerson(bobId), movingPerson(carolId)];
    run(ada.editor, () => void $getRoot().append($createParagraphNode().append($createTextNode('one two three'))));
    quoteAt(ada.editor, 'one');
    linkWord(ada.editor, 'two');
    await sync([ada, bob, carol]);
    typeAtEnd(bob.editor, ' four');
    typeBefore(bob.editor, 'one', 'zero ');
    enterBefore(bob.editor, 'one');
    toList(carol.editor);
    await sync([ada, carol]);
    headingAt(carol.editor, 'one');
    await sync([ada, carol]);
    await sync([ada, bob, carol]);
    const text = headlessText(ada.editor);
    expect(headlessText(bob.editor)).toBe(text);
    expect(headlessText(carol.editor)).toBe(text);
    for (const word of ['zero', 'one', 'two', 'three', 'four']) {
      expect(text.split(word).length - 1, `${word} in ${JSON.stringify(text)}`).toBe(1);
    }
  });
});
