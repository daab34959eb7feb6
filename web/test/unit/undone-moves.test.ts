/**
 * A move one undid offline, of a block a collaborator moved meanwhile, is kept once (issue 19;
 * editor/binding/undone-moves.ts). Undo brings the block back as a new copy: with the
 * collaborator's moved copy, the block's words showed twice (editing fuzz, seed 3 at 48 steps:
 * a person offline made a heading a quote and undid it while another made it a quote too).
 * The copy that loses keeps the words the winning one lacks (copy-reconcile.ts), and is
 * trimmed only after the update that decided it has reached the editor: trimmed while the
 * editor's events were still to be read, the losing editor kept showing its own copy.
 * Client ids are fixed, so which move wins the shared note is known; each test runs with
 * either person winning.
 */
import { $createParagraphNode, $createTextNode, $getRoot, $isTextNode, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { headlessText, mergeTwo, sortedWords, twoMovingPeople, undoManagerOf } from '../support/headless-clients.js';
import { toList } from '../support/headless-typing.js';

const twoPeople = (graceId: number): Promise<[LexicalEditor, LexicalEditor, Y.Doc, Y.Doc]> =>
  twoMovingPeople(graceId, () => $getRoot().append($createParagraphNode().append($createTextNode('alpha beta'))));
const merge = mergeTwo;

/** Types `word` at the end of the document's first text. */
function typeAtEnd(editor: LexicalEditor, word: string): void {
  editor.update(
    () => {
      const text = $getRoot().getFirstDescendant();
      if ($isTextNode(text)) text.select().insertText(word);
    },
    { discrete: true },
  );
}

const words = sortedWords;

describe.each([
  ['Grace', 0],
  ['Ada', 2],
])('a move undone offline while another moved the block (%s’s note wins)', (_, graceId) => {
  it('keeps the block’s words once', async () => {
    const [a, b, ada, grace] = await twoPeople(graceId);
    const undo = undoManagerOf(grace, b);
    toList(b);
    undo.undo();
    expect(headlessText(b)).toBe('alpha beta');
    toList(a);
    const texts = await merge(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(words(texts[0]!)).toEqual(['alpha', 'beta']);
  });

  it('keeps the block’s words once when one undo took back the move and a word typed after it', async () => {
    const [a, b, ada, grace] = await twoPeople(graceId);
    // One step of undo for both, as for edits made in quick succession.
    const undo = undoManagerOf(grace, b, 60_000);
    toList(b);
    typeAtEnd(b, ' omega');
    undo.undo();
    expect(headlessText(b)).toBe('alpha beta');
    typeAtEnd(a, ' gamma');
    toList(a);
    const texts = await merge(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(words(texts[0]!)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('keeps what the other person typed before moving it, once', async () => {
    const [a, b, ada, grace] = await twoPeople(graceId);
    const undo = undoManagerOf(grace, b);
    toList(b);
    undo.undo();
    typeAtEnd(a, ' gamma');
    toList(a);
    typeAtEnd(a, ' delta');
    const texts = await merge(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(words(texts[0]!)).toEqual(['alpha', 'beta', 'delta', 'gamma']);
  });

  it('without undo: the losing editor shows the winning copy, with the words typed around the move', async () => {
    const [a, b, ada, grace] = await twoPeople(graceId);
    toList(b);
    typeAtEnd(a, ' gamma');
    toList(a);
    typeAtEnd(a, ' delta');
    const texts = await merge(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(words(texts[0]!)).toEqual(['alpha', 'beta', 'delta', 'gamma']);
  });
});
