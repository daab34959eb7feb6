/**
 * A list moved by two people at once, one of them by Backspace at the start of its first
 * item (issue 19, fuzz seed 13 at 48 steps doubled most of a line; editor/binding/split-copy.ts).
 * That Backspace makes the item a paragraph and writes the items after it into a new list,
 * so the list's copy is spread over two blocks; meanwhile Grace, offline, makes the list a
 * quote. Each person's move wins the shared note in one of the runs (Grace's client id 0 or 2).
 */
import { $insertList } from '@lexical/list';
import { $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $createParagraphNode, $createTextNode, $getRoot, $getSelection, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { mergeTwo, sortedWords, twoMovingPeople } from '../support/headless-clients.js';
import { backspaceAtListStart, enterBefore } from '../support/headless-typing.js';

const buildList = (): void => {
  $getRoot().append($createParagraphNode().append($createTextNode('w1 w2 w3 w4')));
  $getRoot().getFirstChildOrThrow().selectEnd();
  $insertList('number');
};

/** Ctrl+Alt+Q with the caret in the list's first item. */
function makeQuote(editor: LexicalEditor): void {
  editor.update(
    () => {
      $getRoot().getAllTextNodes()[0]!.select(0, 0);
      $setBlocksType($getSelection()!, () => $createQuoteNode());
    },
    { discrete: true },
  );
}

function typeAtEnd(editor: LexicalEditor, letters: string): void {
  editor.update(
    () => {
      const texts = $getRoot().getAllTextNodes();
      const last = texts[texts.length - 1]!;
      last.setTextContent(last.getTextContent() + letters);
    },
    { discrete: true },
  );
}

describe.each([0, 2])(
  'a list made a quote while someone else backspaces at its start (Grace’s client id %i)',
  (graceId) => {
    it('each word of the list shows once', async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, buildList);
      makeQuote(b);
      enterBefore(a, 'w3');
      backspaceAtListStart(a);
      const [textA, textB] = await mergeTwo(a, b, ada, grace);
      expect(textA).toBe(textB);
      expect(sortedWords(textA!)).toEqual(['w1', 'w2', 'w3', 'w4']);
    });

    it('a word typed into the quote afterwards shows once too', async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, buildList);
      makeQuote(b);
      typeAtEnd(b, ' w5');
      enterBefore(a, 'w3');
      backspaceAtListStart(a);
      const [textA, textB] = await mergeTwo(a, b, ada, grace);
      expect(textA).toBe(textB);
      expect(sortedWords(textA!)).toEqual(['w1', 'w2', 'w3', 'w4', 'w5']);
    });
  },
);
