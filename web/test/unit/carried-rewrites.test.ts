/**
 * Cora, offline, presses Enter in a list item (the rest of the line goes into a new item) and
 * then pastes in the middle of that carried text, while Grace makes the whole list a quote:
 * every word shows once (issue 19, fuzz seed 2 at 48 steps; editor/binding/in-place-split.ts).
 * The paste splits the text node; Cora's page used to delete the rest of the line and write it
 * again in a new node, and the rescue of Cora's unseen words, leaving the carried characters
 * to Grace's quote, wrote the rewritten ones again: "delta" twice. The split keeps them in place.
 * Both orders of client ids are run (Cora's carried note and Grace's move never share a key).
 */
import { $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  type LexicalEditor,
  type TextNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { headlessText, movingPerson, syncPeople } from '../support/headless-clients.js';
import { enterBefore, run, toList } from '../support/headless-typing.js';

const textHolding = (word: string): TextNode =>
  $getRoot()
    .getAllTextNodes()
    .find((node) => node.getTextContent().includes(word))!;

/** Makes the block holding `word` a quote, as Ctrl+Alt+Q does. */
const quoteAt = (editor: LexicalEditor, word: string): void =>
  run(editor, () => {
    textHolding(word).select(0, 0);
    $setBlocksType($getSelection(), $createQuoteNode);
  });

/** Pastes `nodes` right after `word` (the caret in the middle of its text node, as a rich paste lands). */
const pasteAfter = (editor: LexicalEditor, word: string, nodes: () => TextNode[]): void =>
  run(editor, () => {
    const text = textHolding(word);
    const at = text.getTextContent().indexOf(word) + word.length;
    text.select(at, at);
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.insertNodes(nodes());
  });

const count = (text: string, word: string): number => text.split(/\s+/).filter((each) => each === word).length;

const PASTES: Array<[string, () => TextNode[], string[]]> = [
  // A bold word: the rest of the line is written again on its own.
  ['a bold word', () => [$createTextNode(' bold ').toggleFormat('bold')], ['bold']],
  // A bold word, then plain text: the rest of the line is written again after the plain text, in its node.
  [
    'a bold word and a plain one',
    () => [$createTextNode(' bold').toggleFormat('bold'), $createTextNode(' plain')],
    ['bold', 'plain'],
  ],
];

describe.each([
  [1, 2],
  [2, 1],
])('client ids: Cora %i, Grace %i', (coraId, graceId) => {
  it.each(PASTES)(
    'Cora carries words into a new item and pastes %s among them while Grace quotes the list',
    async (_, nodes, pasted) => {
      const [cora, grace] = [movingPerson(coraId), movingPerson(graceId)];
      run(
        cora.editor,
        () => void $getRoot().append($createParagraphNode().append($createTextNode('alpha beta gamma delta'))),
      );
      toList(cora.editor);
      await syncPeople([cora, grace]);
      // Offline from here until the last sync.
      enterBefore(cora.editor, 'gamma');
      pasteAfter(cora.editor, 'gamma', nodes);
      quoteAt(grace.editor, 'alpha');
      await syncPeople([cora, grace]);
      const [text, other] = [cora, grace].map((person) => headlessText(person.editor));
      expect(other).toBe(text);
      for (const word of ['alpha', 'beta', 'gamma', 'delta', ...pasted]) {
        expect(count(text!, word), `${word} in ${JSON.stringify(text)}`).toBe(1);
      }
    },
  );
});
