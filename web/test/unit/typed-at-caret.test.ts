/**
 * A character typed in front of the same character is written where it was typed
 * (issue 19; editor/binding/typed-at-caret.ts). Bob types " w0011zq" right before Ada's
 * "w0009lq": `@lexical/yjs` wrote his "w" after hers, so Ada's undo of her typing took the
 * "w" out of Bob's word and left one of hers behind (editing fuzz, tables pass of seed 8).
 */
import { $getRoot, $getSelection, $createParagraphNode, $createTextNode, type TextNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffAtCaret } from '../../src/editor/binding/typed-at-caret.js';
import { scopeUndoToOwnContent } from '../../src/editor/binding/undo-scope.js';
import { exchange, headlessText, movingPerson, settle, type Person } from '../support/headless-clients.js';

/** Types `text` a character at a time, at `offset` of the first text node or else at the caret. */
function typeChars({ editor }: Person, text: string, offset?: number): void {
  [...text].forEach((char, index) =>
    editor.update(
      () => {
        if (offset !== undefined)
          $getRoot()
            .getFirstDescendant<TextNode>()!
            .select(offset + index, offset + index);
        $getSelection()!.insertText(char);
      },
      { discrete: true },
    ),
  );
}

async function sync(a: Person, b: Person): Promise<void> {
  for (let round = 0; round < 3; round++) {
    exchange(a.doc, b.doc);
    for (const { editor } of [a, b]) editor.read(() => undefined);
    await settle();
  }
}

describe('typed text is written at the caret (issue 19)', () => {
  scopeUndoToOwnContent();

  it('places a typed character before an equal one when the caret says so', () => {
    expect(diffAtCaret('ab  wxyz', 'ab  wwxyz', 5)).toEqual({ index: 4, remove: 0, insert: 'w' });
    expect(diffAtCaret('aaa', 'aaaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
    expect(diffAtCaret('abcd', 'abXd', 3)).toEqual({ index: 2, remove: 1, insert: 'X' });
    expect(diffAtCaret('abcd', 'abd', 2)).toEqual({ index: 2, remove: 1, insert: '' });
    expect(diffAtCaret('abcd', 'abcdef', 99)).toEqual({ index: 4, remove: 0, insert: 'ef' });
  });

  it("undoing one's typing keeps a word someone typed right in front of it whole", async () => {
    const [ada, bob] = [movingPerson(2), movingPerson(1)];
    const undo = new Y.UndoManager(ada.doc.get('root', Y.XmlText), { trackedOrigins: new Set<unknown>([Object]) });
    ada.editor.update(
      () => {
        const paragraph = $createParagraphNode().append($createTextNode('w0004cq '));
        $getRoot().clear().append(paragraph);
        paragraph.selectEnd();
      },
      { discrete: true },
    );
    await sync(ada, bob);
    undo.clear();
    typeChars(ada, 'w0009lq w0010sq');
    await sync(ada, bob);
    typeChars(bob, 'w0011zq ', 'w0004cq '.length);
    await sync(ada, bob);
    expect(headlessText(bob.editor)).toBe('w0004cq w0011zq w0009lq w0010sq');
    undo.undo();
    await sync(ada, bob);
    for (const person of [ada, bob]) expect(headlessText(person.editor)).toBe('w0004cq w0011zq ');
  });
});
