/**
 * Undoing Enter over a selection after others typed where it was (issue 19;
 * editor/binding/restored-node-starts.ts). The default pass of the editing fuzz, seed 151 at
 * 48 steps: Ada selected six words and a tab at the end of a line and pressed Enter; Bob typed
 * three words where the selection had been, Carol typed one inside his last word, and Ada's
 * undo wrote the tab back in front of their letters: they became the tab's text, which shows
 * only its tab, and four words were gone ("4uq", the end of Bob's split word, with them). No
 * one is offline: each edit reaches the others before the next, unless a test says otherwise.
 */
import {
  $createParagraphNode,
  $createTabNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  type ElementNode,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { recordOwnText } from '../../src/editor/binding/own-text.js';
import { scopeUndoToOwnContent } from '../../src/editor/binding/undo-scope.js';
import { dropStrayPropertiesOnUndo } from '../../src/editor/binding/undo-stray-properties.js';
import {
  exchange,
  headlessText,
  movingPerson,
  settle,
  undoManagerOf,
  type Person,
} from '../support/headless-clients.js';
import { $textHolding, run } from '../support/headless-typing.js';

// As the editor's LosslessBindingPlugin does (they patch the undo manager's class).
scopeUndoToOwnContent();
dropStrayPropertiesOnUndo();

/** Passes every edit between all of `people` until none is left; their texts. */
async function mergeAll(people: Person[]): Promise<string[]> {
  for (let round = 0; round < 4; round++) {
    for (const [i, one] of people.entries()) for (const other of people.slice(i + 1)) exchange(one.doc, other.doc);
    for (const { editor } of people) editor.read(() => undefined);
    await settle();
  }
  return people.map(({ editor }) => headlessText(editor));
}

/** Selects from `word` to the end of its line and presses Enter (Lexical deletes the selection, then splits). */
function selectToEndAndEnter(editor: LexicalEditor, word: string): void {
  run(editor, () => {
    const text = $textHolding(word);
    const at = text.getTextContent().indexOf(word);
    const last = text.getParentOrThrow().getLastDescendant()!;
    text.select(at, at).focus.set(last.getKey(), last.getTextContentSize(), 'text');
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.insertParagraph();
  });
}

/** Types `letters` at the end of the first line. */
function typeAtEndOfFirstLine(editor: LexicalEditor, letters: string): void {
  run(editor, () => {
    $getRoot().getFirstChildOrThrow<ElementNode>().selectEnd();
    $getSelection()!.insertText(letters);
  });
}

/** Types `letters` after the first `offset` letters of `word`. */
function typeInside(editor: LexicalEditor, word: string, offset: number, letters: string): void {
  run(editor, () => {
    const text = $textHolding(word);
    const at = text.getTextContent().indexOf(word) + offset;
    text.select(at, at);
    $getSelection()!.insertText(letters);
  });
}

/** Each text node of the first line: its type, format and text. */
const nodesOfFirstLine = (editor: LexicalEditor): string[] =>
  editor.read(() =>
    $getRoot()
      .getFirstChildOrThrow<ElementNode>()
      .getChildren()
      .map((node: LexicalNode) => `${node.getType()}:${node.getTextContent()}`),
  );

/** Ada (the undoer, client 1), Bob and Carol, after Ada wrote one line of `nodes`; Ada's undo. */
async function threePeople(bobId: number, nodes: () => LexicalNode[]): Promise<[Person, Person, Person, () => void]> {
  const [ada, bob, carol] = [movingPerson(1), movingPerson(bobId), movingPerson(3)];
  run(ada.editor, () => $getRoot().append($createParagraphNode().append(...nodes())));
  await mergeAll([ada, bob, carol]);
  recordOwnText(ada.doc);
  const undo = undoManagerOf(ada.doc, ada.editor, 500);
  return [ada, bob, carol, () => undo.undo()];
}

const lineEndingInTab = (): LexicalNode[] => [
  $createTextNode('w0001aq w0002bq w0003cq w0004dq '),
  $createTabNode(),
  $createTextNode(' w0005eq w0006fq w0007gq w0008hq '),
  $createTabNode(),
];

describe.each([2, 0])('undoing Enter over a selection others typed after (Bob’s id %i)', (bobId) => {
  it('keeps the words typed where the selection was, after a tab it wrote back', async () => {
    const [ada, bob, carol, undo] = await threePeople(bobId, lineEndingInTab);
    selectToEndAndEnter(ada.editor, 'w0003cq');
    await mergeAll([ada, bob, carol]);
    typeAtEndOfFirstLine(bob.editor, 'w0009iq w0010jq w0011kq');
    await mergeAll([ada, bob, carol]);
    typeInside(carol.editor, 'w0011kq', 5, ' w0012lq ');
    expect(await mergeAll([ada, bob, carol])).toEqual(
      Array(3).fill('w0001aq w0002bq w0009iq w0010jq w0011 w0012lq kq\n\n'),
    );

    undo();
    const texts = await mergeAll([ada, bob, carol]);
    const line =
      'w0001aq w0002bq w0003cq w0004dq \t w0005eq w0006fq w0007gq w0008hq \tw0009iq w0010jq w0011 w0012lq kq';
    expect(texts).toEqual(Array(3).fill(line));
    expect(nodesOfFirstLine(bob.editor).at(-1)).toBe('text:w0009iq w0010jq w0011 w0012lq kq');
  });

  it('keeps words typed where the selection was in their own format, after a bold word it wrote back', async () => {
    const [ada, bob, carol, undo] = await threePeople(bobId, () => [
      $createTextNode('w0001aq w0002bq w0003cq '),
      $createTextNode('w0004dq').toggleFormat('bold'),
    ]);
    selectToEndAndEnter(ada.editor, 'w0003cq');
    await mergeAll([ada, bob, carol]);
    typeAtEndOfFirstLine(bob.editor, 'w0009iq');
    await mergeAll([ada, bob, carol]);

    undo();
    expect(await mergeAll([ada, bob, carol])).toEqual(Array(3).fill('w0001aq w0002bq w0003cq w0004dqw0009iq'));
    for (const person of [ada, bob, carol]) {
      expect(nodesOfFirstLine(person.editor)).toEqual([
        'text:w0001aq w0002bq w0003cq ',
        'text:w0004dq',
        'text:w0009iq',
      ]);
      expect(person.editor.read(() => $getRoot().getAllTextNodes().at(-1)!.getFormat())).toBe(0);
    }
  });

  it('leaves words two people typed unseen in the new line where they are', async () => {
    const [ada, bob, carol, undo] = await threePeople(bobId, lineEndingInTab);
    selectToEndAndEnter(ada.editor, 'w0003cq');
    await mergeAll([ada, bob, carol]);
    for (const [person, letters] of [
      [bob, ' w0009iq '],
      [carol, ' w0010jq '],
    ] as const) {
      run(person.editor, () => {
        $getRoot().getLastChildOrThrow<ElementNode>().selectStart();
        $getSelection()!.insertText(letters);
      });
    }
    const typed = await mergeAll([ada, bob, carol]);
    expect(typed[1]).toBe(typed[0]);

    undo();
    const texts = await mergeAll([ada, bob, carol]);
    expect(texts).toEqual(Array(3).fill(texts[0]));
    expect(texts[0]).toMatch(/^w0001aq w0002bq w0003cq w0004dq \t w0005eq w0006fq w0007gq w0008hq \t\n\n/);
    expect(
      texts[0]!
        .split(/\s+/)
        .filter((word) => /^w00(09|10)/.test(word))
        .sort(),
    ).toEqual(['w0009iq', 'w0010jq']);
  });
});
