/**
 * Grace, offline, makes a numbered list bulleted and a quote and undoes it all in one step, while
 * Ada presses Enter at the start of its item, types, makes the new item a quote and a paragraph
 * again, and splits it with a Tab and Enter: the item's words show once (issue 19, fuzz seed 2
 * at 48 steps, default pass). Grace's undo brings the list back as a new block, noted as where
 * her move of the list lands (undone-moves.ts); Ada's moves name the item inside it. Grace's
 * list lacks the words Ada typed meanwhile, and Ada's page took that for a move made after
 * seeing hers, so neither copy gave way; now Ada's gives way when Grace's holds several of its
 * words in a row (unseen-outer-move.ts), down to the block her last Enter split off it.
 * Both orders of client ids are run.
 */
import { $insertList } from '@lexical/list';
import { $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import {
  $createParagraphNode,
  $createTabNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $insertNodes,
  $isRangeSelection,
  type ElementNode,
  type LexicalEditor,
  type TextNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { headlessText, movingPerson, undoManagerOf, type Person, syncPeople } from '../support/headless-clients.js';
import { enterBefore, run } from '../support/headless-typing.js';

const textHolding = (word: string): TextNode =>
  $getRoot()
    .getAllTextNodes()
    .find((node) => node.getTextContent().includes(word))!;

/** Puts the caret at `offset` in the text node holding `word`. */
const caretIn = (word: string, offset: (text: string) => number): void => {
  const text = textHolding(word);
  const at = offset(text.getTextContent());
  text.select(at, at);
};

/** Makes the block holding `word` a `make` block, as the block menu does. */
const blockAt = (editor: LexicalEditor, word: string, make: () => ElementNode): void =>
  run(editor, () => {
    caretIn(word, () => 0);
    $setBlocksType($getSelection(), make);
  });

const typeAtEnd = (editor: LexicalEditor, letters: string): void =>
  run(editor, () => void $getRoot().getLastDescendant()!.selectEnd().insertText(letters));

const count = (text: string, word: string): number => text.split(/\s+/).filter((each) => each === word).length;

/** Grace's offline edits: a word kept, then a word, a bulleted list and a quote that one undo takes back. */
function graceOffline(grace: Person): void {
  const undo = undoManagerOf(grace.doc, grace.editor, 60_000);
  typeAtEnd(grace.editor, ' zeta');
  undo.stopCapturing();
  typeAtEnd(grace.editor, ' eta');
  run(grace.editor, () => {
    $getRoot().getLastDescendant()!.selectEnd();
    $insertList('bullet');
  });
  blockAt(grace.editor, 'alpha', $createQuoteNode);
  undo.undo();
}

/** Ada's edits meanwhile: a paste over the first words, Enter at the item's start, typing, quote and back, Tab, Enter. */
function adaMeanwhile(ada: Person): void {
  run(ada.editor, () => {
    textHolding('alpha').select(0, 'alpha beta'.length);
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.insertText('one two');
  });
  enterBefore(ada.editor, 'one');
  run(ada.editor, () => {
    caretIn('one', () => 0);
    $getSelection()!.insertText('omega ');
  });
  blockAt(ada.editor, 'omega', $createQuoteNode);
  blockAt(ada.editor, 'omega', $createParagraphNode);
  run(ada.editor, () => {
    caretIn('one', (text) => text.indexOf('one'));
    $insertNodes([$createTabNode()]);
  });
  enterBefore(ada.editor, 'one');
}

describe.each([
  [1, 2],
  [2, 1],
])('client ids: Ada %i, Grace %i', (adaId, graceId) => {
  it('Grace’s undone list and quote against Ada’s moves of its item: each word once', async () => {
    const [ada, grace] = [movingPerson(adaId), movingPerson(graceId)];
    run(ada.editor, () => void $getRoot().append($createParagraphNode().append($createTextNode('alpha beta gamma'))));
    run(ada.editor, () => {
      $getRoot().getFirstChildOrThrow().selectEnd();
      $insertList('number');
    });
    await syncPeople([ada, grace]);
    typeAtEnd(grace.editor, ' delta');
    await syncPeople([ada, grace]);
    graceOffline(grace);
    expect(headlessText(grace.editor)).toBe('alpha beta gamma delta zeta');
    adaMeanwhile(ada);
    await syncPeople([ada, grace]);
    const [text, other] = [ada, grace].map((person) => headlessText(person.editor));
    expect(other).toBe(text);
    for (const word of ['alpha', 'beta', 'one', 'two', 'gamma', 'delta', 'omega', 'zeta']) {
      expect(count(text!, word), `${word} in ${JSON.stringify(text)}`).toBe(1);
    }
    expect(count(text!, 'eta')).toBe(0);
  });
});
