/**
 * Undoing one's move of a block whose copy was moved on since keeps every word once (issue 19;
 * editor/binding/undone-moved-on.ts). The editing fuzz, seed 96 at 48 steps with every
 * action: one person made a line a quote and a bulleted list, pressed Delete twice and Enter at
 * the start of the item, and typed; another typed at the end of the item and made it a quote.
 * The first person's undo of all that in one step showed the line again beside the other's
 * quote: every word twice. Enter at the start of an item carries its text into a new item, a
 * move of one's own; the block the undo brought back was trimmed only against others' moves
 * of the list's own copy, and that copy had been moved on by oneself first.
 *
 * Once trimmed, the words are the other's alone: the undo's notes, written beside the trim,
 * must not make the other give way too (an undo that deletes a list still holding words reads
 * as a move of the list, around their item). Client ids are fixed, so which note wins is
 * known; each test runs with either person winning.
 */
import { $insertList } from '@lexical/list';
import { $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  type LexicalEditor,
  type RangeSelection,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { mergeTwo, sortedWords, twoMovingPeople, undoManagerOf } from '../support/headless-clients.js';
import { $textHolding, run } from '../support/headless-typing.js';

/** Selects `from`–`to` (a caret by default) in the text node holding `word`, then runs `then` on it. */
const at = (
  editor: LexicalEditor,
  word: string,
  from: number,
  then: (selection: RangeSelection) => void,
  to = from,
): void =>
  run(editor, () => {
    $textHolding(word).select(from, to);
    const selection = $getSelection();
    if ($isRangeSelection(selection)) then(selection);
  });

const quoteAt = (editor: LexicalEditor, word: string): void =>
  at(editor, word, 0, (selection) => $setBlocksType(selection, $createQuoteNode));

const listAt = (editor: LexicalEditor, word: string): void => at(editor, word, 0, () => $insertList('bullet'));

/** Types `letters` right after `word`. */
const typeAfter = (editor: LexicalEditor, word: string, letters: string): void =>
  run(editor, () => {
    const text = $textHolding(word);
    const end = text.getTextContent().indexOf(word) + word.length;
    text.select(end, end).insertText(letters);
  });

/** Both pages show the same text, every word in it once, `words` among them. */
function expectOnce(texts: string[], words: string[]): void {
  expect(texts[0]).toBe(texts[1]);
  const shown = sortedWords(texts[0]!);
  expect(shown.filter((word, index) => shown.indexOf(word) !== index)).toEqual([]);
  expect(shown).toEqual(expect.arrayContaining(words));
}

const lines =
  (...texts: string[]) =>
  () =>
    $getRoot().append(...texts.map((text) => $createParagraphNode().append($createTextNode(text))));

describe.each([
  ['Grace', 0],
  ['Ada', 2],
])('undoing one’s move of a block whose copy was moved on since (%s’s note wins)', (_, graceId) => {
  it('keeps the words once when one’s own Enter carried them into a new item first (fuzz seed 96)', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, lines('alpha beta gamma delta'));
    const undo = undoManagerOf(ada, a, 60_000);
    undo.stopCapturing();
    quoteAt(a, 'alpha');
    listAt(a, 'alpha');
    at(a, 'alpha', 0, (selection) => selection.removeText(), 2);
    at(a, 'pha', 0, (selection) => selection.insertParagraph());
    at(a, 'pha', 0, (selection) => selection.insertText('omega '));
    await mergeTwo(a, b, ada, grace);
    typeAfter(b, 'delta', ' eps');
    quoteAt(b, 'pha');
    await mergeTwo(a, b, ada, grace);
    undo.undo();
    const texts = await mergeTwo(a, b, ada, grace);
    expectOnce(texts, ['beta', 'gamma', 'delta', 'eps']);
  });

  it('keeps the words once when one’s undone step also took the item out of the list again', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, lines('alpha beta'));
    const undo = undoManagerOf(ada, a, 60_000);
    undo.stopCapturing();
    listAt(a, 'alpha');
    quoteAt(a, 'alpha');
    await mergeTwo(a, b, ada, grace);
    typeAfter(b, 'beta', ' eps');
    listAt(b, 'alpha');
    await mergeTwo(a, b, ada, grace);
    undo.undo();
    const texts = await mergeTwo(a, b, ada, grace);
    expectOnce(texts, ['alpha', 'beta', 'eps']);
  });

  it('loses no word of another’s item moved out of one’s list, when the undo deletes the list with words left in it', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, lines('alpha beta', 'gamma delta'));
    const undo = undoManagerOf(ada, a, 60_000);
    undo.stopCapturing();
    run(a, () => {
      $textHolding('alpha').select(0, 0);
      const selection = $getSelection();
      if ($isRangeSelection(selection)) selection.focus.set($textHolding('gamma').getKey(), 5, 'text');
      $insertList('bullet');
    });
    await mergeTwo(a, b, ada, grace);
    typeAfter(b, 'delta', ' eps');
    quoteAt(b, 'gamma');
    await mergeTwo(a, b, ada, grace);
    undo.undo();
    const texts = await mergeTwo(a, b, ada, grace);
    expectOnce(texts, ['alpha', 'beta', 'gamma', 'delta', 'eps']);
  });

  it('loses no word another moved on after one’s own Enter carried it out of the item', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, lines('alpha beta gamma delta'));
    const undo = undoManagerOf(ada, a, 60_000);
    undo.stopCapturing();
    listAt(a, 'alpha');
    at(a, 'gamma', 11, (selection) => selection.insertParagraph());
    await mergeTwo(a, b, ada, grace);
    typeAfter(b, 'delta', ' eps');
    quoteAt(b, 'gamma');
    await mergeTwo(a, b, ada, grace);
    undo.undo();
    const texts = await mergeTwo(a, b, ada, grace);
    expectOnce(texts, ['alpha', 'beta', 'gamma', 'delta', 'eps']);
  });
});
