/**
 * Undoing one's typing after an undo wrote the line back (issue 19; editor/binding/
 * undone-copy-length.ts). Grace typed in her line and Ada wrote words after hers; Grace made
 * the line a list and undid that. Yjs writes the line back as copies under Grace's id, one per
 * item, and merges copies that follow each other into one item: her words and Ada's. Grace's
 * next undo (of her typing) followed her words to their copy and deleted that whole item,
 * Ada's words with it (all-actions editing fuzz, seed 142 at 48 steps: a plain-text paste lost
 * in a line that had been made a code block, a list and back).
 */
import { $createParagraphNode, $getRoot, $getSelection, $isRangeSelection, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { scopeUndoToOwnContent } from '../../src/editor/binding/undo-scope.js';
import { dropStrayPropertiesOnUndo } from '../../src/editor/binding/undo-stray-properties.js';
import { headlessText, mergeTwo, sortedWords, twoMovingPeople, undoManagerOf } from '../support/headless-clients.js';
import { run, toList, typeAtEnd } from '../support/headless-typing.js';

// As the editor's LosslessBindingPlugin does (they patch the undo manager's class).
scopeUndoToOwnContent();
dropStrayPropertiesOnUndo();

/** Types `text` at the end of the first line, as the keyboard does. */
function typeInFirstLine(editor: LexicalEditor, text: string): void {
  run(editor, () => {
    $getRoot().getFirstChildOrThrow().selectEnd();
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.insertText(text);
  });
}

describe.each([0, 2])('an undo of typing after an undo wrote the line back (Grace’s id %i)', (graceId) => {
  /** Grace's empty line (not in her undo history), her words typed in `steps` undo steps, then Ada's after them. */
  async function adaWroteAfterGrace(steps: string[]) {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, () => undefined);
    run(b, () => $getRoot().append($createParagraphNode()));
    const undo = undoManagerOf(grace, b);
    for (const words of steps) {
      typeInFirstLine(b, words);
      undo.stopCapturing();
    }
    await mergeTwo(a, b, ada, grace);
    typeAtEnd(a, ' gamma delta');
    await mergeTwo(a, b, ada, grace);
    expect(headlessText(b)).toBe(`${steps.join('')} gamma delta`);
    toList(b);
    undo.undo();
    expect(headlessText(b)).toBe(`${steps.join('')} gamma delta`);
    return { a, b, ada, grace, undo };
  }

  it("keeps the other person's words", async () => {
    const { a, b, ada, grace, undo } = await adaWroteAfterGrace(['alpha beta']);
    undo.undo();
    expect(headlessText(b)).toBe(' gamma delta');
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['delta', 'gamma']);
  });

  it('still takes back each of one’s own steps, one undo each', async () => {
    const { a, b, ada, grace, undo } = await adaWroteAfterGrace(['alpha ', 'beta']);
    undo.undo();
    expect(headlessText(b)).toBe('alpha  gamma delta');
    undo.undo();
    expect(headlessText(b)).toBe(' gamma delta');
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(sortedWords(texts[0]!)).toEqual(['delta', 'gamma']);
  });
});
