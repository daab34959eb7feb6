/**
 * A line joined onto the one before it is written after the caret (issue 19;
 * editor/binding/joined-at-caret.ts). Backspace at a line's start (or Delete at a line's end)
 * merges the two lines' text nodes, and the binding writes the joined text into the first
 * one, where the caret stays. When the first line ended with the same letters as the joined
 * one ("w0011zq " and "w0007xq "), the binding wrote part of the joined text in front of those
 * letters, copying them under the joiner's name and leaving the original "q " after the
 * joined text. The joiner's undo deletes that copy: the typist's "q" ended up after whatever
 * had been typed into the joined text meanwhile, and the word was lost (editing fuzz, seed 55
 * at 48 steps).
 */
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
import { recordOwnText } from '../../src/editor/binding/own-text.js';
import { diffAtCaret } from '../../src/editor/binding/typed-at-caret.js';
import { scopeUndoToOwnContent } from '../../src/editor/binding/undo-scope.js';
import { dropStrayPropertiesOnUndo } from '../../src/editor/binding/undo-stray-properties.js';
import {
  exchange,
  mergeTwo,
  movingPerson,
  settle,
  sortedWords,
  undoManagerOf,
  type Person,
} from '../support/headless-clients.js';
import { run } from '../support/headless-typing.js';

// As the editor's LosslessBindingPlugin does (they patch the undo manager's class).
scopeUndoToOwnContent();
dropStrayPropertiesOnUndo();

const FIRST = ' w0010sq w0011zq ';
const SECOND = ' w0005jq w0006qq w0007xq ';

/** Puts the caret at block `index`'s start and presses Backspace, or at its end and presses Delete. */
function join(editor: LexicalEditor, index: number, key: 'Backspace' | 'Delete'): void {
  run(editor, () => {
    const block = $getRoot().getChildAtIndex(index)!;
    if (key === 'Backspace') block.selectStart();
    else block.selectEnd();
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.deleteCharacter(key === 'Backspace');
  });
}

/** Types `text` right after `word`. */
function typeAfter(editor: LexicalEditor, word: string, text: string): void {
  run(editor, () => {
    const node = $getRoot()
      .getAllTextNodes()
      .find((candidate: TextNode) => candidate.getTextContent().includes(word))!;
    const at = node.getTextContent().indexOf(word) + word.length;
    node.select(at, at);
    $getSelection()!.insertText(text);
  });
}

/** Grace wrote two lines; Ada (the joiner, her own text recorded as the editor does) took them in. */
async function twoLinesByGrace(): Promise<[Person, Person]> {
  const [ada, grace] = [movingPerson(1), movingPerson(2)];
  recordOwnText(ada.doc);
  run(grace.editor, () => {
    $getRoot().append($createParagraphNode().append($createTextNode(FIRST)));
    $getRoot().append($createParagraphNode().append($createTextNode(SECOND)));
  });
  exchange(ada.doc, grace.doc);
  ada.editor.read(() => undefined);
  await settle();
  return [ada, grace];
}

describe('a joined line is written after the caret (issue 19)', () => {
  it('places text joined at the caret after it, however the lines end', () => {
    expect(diffAtCaret(FIRST, FIRST + SECOND, FIRST.length)).toEqual({
      index: FIRST.length,
      remove: 0,
      insert: SECOND,
    });
    // Typing still ends at the caret.
    expect(diffAtCaret('ab q', 'ab q q', 6)).toEqual({ index: 4, remove: 0, insert: ' q' });
  });

  it.each(['Backspace', 'Delete'] as const)(
    'after %s joined two lines, the joiner’s undo keeps the word before the join whole',
    async (key) => {
      const [ada, grace] = await twoLinesByGrace();
      const undo = undoManagerOf(ada.doc, ada.editor);
      join(ada.editor, key === 'Backspace' ? 1 : 0, key);
      await mergeTwo(ada.editor, grace.editor, ada.doc, grace.doc);
      typeAfter(grace.editor, 'w0005jq', ' w0017pq');
      await mergeTwo(ada.editor, grace.editor, ada.doc, grace.doc);
      undo.undo();
      const texts = await mergeTwo(ada.editor, grace.editor, ada.doc, grace.doc);
      expect(texts[0]).toBe(texts[1]);
      expect(sortedWords(texts[0]!)).toEqual(sortedWords(`${FIRST} w0017pq ${SECOND}`));
    },
  );
});
