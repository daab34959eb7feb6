/**
 * An undo's copy of words a collaborator's Enter carried away at the same moment (issue 19;
 * editor/binding/undone-carried-away.ts). The default pass of the editing fuzz, seed 122 at 48
 * steps: Grace, offline, selected words to the end of a line and pressed Enter (deleting
 * them), then undid it, which writes the words back as her own new characters. Meanwhile Ada
 * pressed Enter before those words, carrying them into a new line as a copy. When Grace came
 * back, both copies stayed: two words twice at the start of a line, on every page.
 */
import * as Y from 'yjs';
import { $createParagraphNode, $createTextNode, $getRoot, $getSelection, $isRangeSelection } from 'lexical';
import type { LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { recordOwnText } from '../../src/editor/binding/own-text.js';
import { scopeUndoToOwnContent } from '../../src/editor/binding/undo-scope.js';
import { dropStrayPropertiesOnUndo } from '../../src/editor/binding/undo-stray-properties.js';
import { mergeTwo, settle, sortedWords, twoMovingPeople, undoManagerOf } from '../support/headless-clients.js';
import { $textHolding, enterBefore, run, typeAtEnd } from '../support/headless-typing.js';

// As the editor's LosslessBindingPlugin does (they patch the undo manager's class).
scopeUndoToOwnContent();
dropStrayPropertiesOnUndo();

const WORDS = ['four', 'one', 'three', 'two'];

/** Selects from `from` to just after `to` (to the line's end when null) and presses Enter (or Backspace). */
function enterOver(editor: LexicalEditor, from: string, to: string | null, isBackspace = false): void {
  run(editor, () => {
    const text = $textHolding(from);
    const content = text.getTextContent();
    const end = to === null ? content.length : content.indexOf(to) + to.length;
    text.select(content.indexOf(from), end);
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    if (isBackspace) selection.removeText();
    else selection.insertParagraph();
  });
}

/**
 * Types "five " at the start of the line holding `word` (the caret's text node) and then "six "
 * in bold: the bold text splits the node, which writes the rest of it again.
 */
function typeThenBold(editor: LexicalEditor, word: string): void {
  run(editor, () => {
    const nodes = $getRoot()
      .getAllTextNodes()
      .filter((node) => node.getTextContent().includes(word));
    nodes[nodes.length - 1]!.select(0, 0);
    $getSelection()!.insertText('five ');
  });
  run(editor, () => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    selection.formatText('bold');
    selection.insertText('six ');
  });
}

/** Sends `from`'s changes to `to` only, as a page still offline receives nothing it could send back. */
async function sendOneWay(from: Y.Doc, to: Y.Doc, editor: LexicalEditor): Promise<void> {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
  editor.read(() => undefined);
  await settle();
}

interface Crossing {
  /** Grace's selection: from this word to just after that one (null: to the line's end). */
  selected: [string, string | null];
  /** The word Ada presses Enter before. */
  enterBefore: string;
  /** Whether Grace gets Ada's Enter before she undoes (else only after). */
  isMoveFirst?: boolean;
  /** Whether Ada had Grace's Enter before pressing hers. */
  sawDeletion?: boolean;
  /** Whether Grace pressed Backspace over her selection (a deletion only) instead of Enter. */
  isBackspace?: boolean;
  /** Whether Ada then typed at the start of her new line, and in bold (writing her copy again). */
  isCopyRewritten?: boolean;
}

/** Ada and Grace (`graceId`) after one line; Grace's Enter over a selection, her undo and Ada's Enter cross. */
async function cross(graceId: number, crossing: Crossing): Promise<string[]> {
  const [a, b, ada, grace] = await twoMovingPeople(graceId, () => {
    $getRoot().append($createParagraphNode().append($createTextNode('one two three four')));
  });
  recordOwnText(grace);
  const undo = undoManagerOf(grace, b);
  enterOver(b, ...crossing.selected, crossing.isBackspace);
  await settle();
  if (crossing.sawDeletion === true) await sendOneWay(grace, ada, a);
  const undoNow = async (): Promise<void> => {
    undo.undo();
    b.read(() => undefined);
    await settle();
  };
  if (crossing.isMoveFirst !== true) await undoNow();
  enterBefore(a, crossing.enterBefore);
  if (crossing.isCopyRewritten === true) typeThenBold(a, crossing.enterBefore);
  await settle();
  if (crossing.isMoveFirst === true) {
    await sendOneWay(ada, grace, b);
    await undoNow();
  }
  return mergeTwo(a, b, ada, grace);
}

describe.each([0, 2])(
  'an Enter over a selection undone offline while someone’s Enter carried the words away (Grace’s id %i)',
  (graceId) => {
    // Ada's line (one copy of each word) where Grace's Enter carried no text of its own; otherwise
    // whose copy stays depends on the ids (concurrent-moves.ts), and each word shows once.
    it.each<[string, Crossing, string | null]>([
      [
        'the line’s end selected, Ada’s Enter before it',
        { selected: ['three', null], enterBefore: 'two' },
        'one \n\ntwo three four',
      ],
      [
        'the line’s end selected, Ada’s Enter inside it',
        { selected: ['three', null], enterBefore: 'four' },
        'one two three \n\nfour',
      ],
      [
        'the line’s end selected, Grace got Ada’s Enter before her undo',
        { selected: ['three', null], enterBefore: 'two', isMoveFirst: true },
        'one \n\ntwo three four',
      ],
      [
        'the line’s end selected, Ada’s copy written again since',
        { selected: ['three', null], enterBefore: 'two', isCopyRewritten: true },
        'one \n\nfive six two three four',
      ],
      [
        'words in the middle deleted, Ada’s Enter before them',
        { selected: ['two', 'three'], enterBefore: 'two', isBackspace: true },
        'one \n\ntwo three four',
      ],
      [
        'the line’s start selected, Ada’s Enter before the line',
        { selected: ['one', 'two'], enterBefore: 'one' },
        null,
      ],
      [
        'words in the middle selected, Ada’s Enter before them',
        { selected: ['two', 'three'], enterBefore: 'two' },
        null,
      ],
      [
        'words in the middle selected, Ada’s Enter inside them',
        { selected: ['two', 'three'], enterBefore: 'three' },
        null,
      ],
    ])('%s: each word once, the same on both pages', async (_name, crossing, expected) => {
      const texts = await cross(graceId, crossing);
      expect(texts[1]).toBe(texts[0]);
      if (expected === null) expect(sortedWords(texts[0]!)).toEqual(WORDS);
      else expect(texts[0]).toBe(expected);
    });

    it('keeps the words the undo wrote back when Ada had seen them deleted', async () => {
      const texts = await cross(graceId, { selected: ['three', null], enterBefore: 'two', sawDeletion: true });
      expect(texts[1]).toBe(texts[0]);
      expect(texts[0]).toBe('one three four\n\ntwo ');
    });

    it('keeps the words the undo wrote back when they were typed again after Ada’s Enter carried the same words away', async () => {
      const [a, b, ada, grace] = await twoMovingPeople(graceId, () => {
        $getRoot().append($createParagraphNode().append($createTextNode('one two three four')));
      });
      recordOwnText(grace);
      enterBefore(a, 'three');
      await mergeTwo(a, b, ada, grace);
      typeAtEnd(b, 'three four');
      await settle();
      const undo = undoManagerOf(grace, b);
      enterOver(b, 'three', null);
      await settle();
      undo.undo();
      b.read(() => undefined);
      await settle();
      const texts = await mergeTwo(a, b, ada, grace);
      expect(texts[1]).toBe(texts[0]);
      expect(texts[0]).toBe('one two three four\n\nthree four');
    });
  },
);
