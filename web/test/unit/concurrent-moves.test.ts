/**
 * The same block moved by two people at once ends up once (issue 19;
 * editor/binding/concurrent-moves.ts): both make it a list item, both indent it, or one joins
 * it onto the block before while the other makes it a list item. Client ids are fixed, so
 * which move wins the shared note is known, and each test runs with either person winning.
 */
import { $isListItemNode, $removeList } from '@lexical/list';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { keepOneCopyOfMoves, MOVES_TYPE } from '../../src/editor/binding/concurrent-moves.js';
import { keepMovedAwayText } from '../../src/editor/binding/moved-text-rescue.js';
import { trimMoveNotes } from '../../src/editor/binding/move-notes-trim.js';
import { headlessClient, mergeTwo, twoMovingPeople } from '../support/headless-clients.js';
import { toList } from '../support/headless-typing.js';

const twoPeople = twoMovingPeople;
const merge = mergeTwo;

/** The editor's document as Lexical's JSON, which shows nesting. */
const shapeOf = (editor: LexicalEditor): string => JSON.stringify(editor.getEditorState().toJSON());

const paragraphs =
  (...lines: string[]) =>
  (): void => {
    for (const line of lines) $getRoot().append($createParagraphNode().append($createTextNode(line)));
  };

function listBackToParagraph(editor: LexicalEditor): void {
  editor.update(
    () => {
      $getRoot().getFirstDescendant()!.selectEnd();
      $removeList();
    },
    { discrete: true },
  );
}

function indentSecondItem(editor: LexicalEditor): void {
  editor.update(
    () => {
      const item = $getRoot().getFirstDescendant()!.getParentOrThrow().getNextSibling();
      if ($isListItemNode(item)) item.setIndent(item.getIndent() + 1);
    },
    { discrete: true },
  );
}

function joinSecondOntoFirst(editor: LexicalEditor): void {
  editor.update(
    () => {
      $getRoot().getChildAtIndex(1)!.selectStart();
      const selection = $getSelection();
      if ($isRangeSelection(selection)) selection.deleteCharacter(true);
    },
    { discrete: true },
  );
}

describe.each([
  ['Grace', 0],
  ['Ada', 2],
])('a block two people move at once is kept once (%s’s move wins)', (_, graceId) => {
  it('both make the paragraph a list item', async () => {
    const [a, b, ada, grace] = await twoPeople(graceId, paragraphs('alpha beta'));
    toList(a, 0);
    toList(b, 0);
    for (const text of await merge(a, b, ada, grace)) expect(text).toBe('alpha beta');
  });

  it('both make the paragraph a list item, and one of them makes it a paragraph again', async () => {
    const [a, b, ada, grace] = await twoPeople(graceId, paragraphs('alpha beta'));
    toList(b, 0);
    listBackToParagraph(b);
    toList(a, 0);
    for (const text of await merge(a, b, ada, grace)) expect(text).toBe('alpha beta');
    toList(a, 0);
    toList(b, 0);
    listBackToParagraph(a);
    for (const text of await merge(a, b, ada, grace)) expect(text).toBe('alpha beta');
  });

  it('both indent the same list item', async () => {
    const [a, b, ada, grace] = await twoPeople(graceId, paragraphs('one', 'two'));
    toList(a, 0);
    toList(a, 1);
    await merge(a, b, ada, grace);
    indentSecondItem(a);
    indentSecondItem(b);
    await merge(a, b, ada, grace);
    const [shapeA, shapeB] = [shapeOf(a), shapeOf(b)];
    expect(shapeA).toBe(shapeB);
    expect(shapeA.match(/"text":"two"/g)).toHaveLength(1);
    // "two" sits in a list inside the first one.
    expect(shapeA.match(/"type":"list"/g)).toHaveLength(2);
  });

  it('one joins the paragraph onto the one before while the other makes it a list item', async () => {
    const [a, b, ada, grace] = await twoPeople(graceId, paragraphs('first', 'second'));
    joinSecondOntoFirst(a);
    toList(b, 1);
    const texts = await merge(a, b, ada, grace);
    expect(texts[0]).toBe(texts[1]);
    expect(texts[0]!.match(/second/g)).toHaveLength(1);
  });
});

describe('notes of moves come from anyone', () => {
  it('a malformed note over one of my moves changes nothing', async () => {
    const [a, b, ada, grace] = await twoPeople(2, paragraphs('alpha beta'));
    toList(a, 0);
    await merge(a, b, ada, grace);
    const [key] = Array.from(ada.getMap(MOVES_TYPE).keys());
    grace.getMap<unknown>(MOVES_TYPE).set(key!, [2, -5, 'x']);
    for (const text of await merge(a, b, ada, grace)) expect(text).toBe('alpha beta');
    grace.getMap<unknown>(MOVES_TYPE).set(key!, [2, 1e9, 1e9 + 5]);
    for (const text of await merge(a, b, ada, grace)) expect(text).toBe('alpha beta');
  });
});

describe('the shared map of move notes stays bounded', () => {
  /** Ada and Grace, each keeping at most `max` notes. */
  async function withMax(max: number, build: () => void): Promise<[LexicalEditor, LexicalEditor, Y.Doc, Y.Doc]> {
    const [ada, grace] = [new Y.Doc(), new Y.Doc()];
    ada.clientID = 1;
    grace.clientID = 2;
    for (const doc of [ada, grace]) {
      keepMovedAwayText(doc);
      keepOneCopyOfMoves(doc, max);
    }
    const [a, b] = [headlessClient(ada, true), headlessClient(grace, true)];
    a.update(build, { discrete: true });
    await merge(a, b, ada, grace);
    return [a, b, ada, grace];
  }

  it('many moves leave at most the newest notes, and a block both move at once afterwards is kept once', async () => {
    const [a, b, ada, grace] = await withMax(10, paragraphs('alpha beta'));
    for (let move = 0; move < 20; move++) {
      toList(move % 2 === 0 ? a : b, 0);
      listBackToParagraph(move % 2 === 0 ? a : b);
      for (const text of await merge(a, b, ada, grace)) expect(text).toBe('alpha beta');
    }
    for (const doc of [ada, grace]) expect(doc.getMap(MOVES_TYPE).size).toBeLessThanOrEqual(11);
    toList(a, 0);
    toList(b, 0);
    for (const text of await merge(a, b, ada, grace)) expect(text).toBe('alpha beta');
    expect(shapeOf(a)).toBe(shapeOf(b));
  });

  it('the oldest notes go first, notes written without a time before any other', () => {
    const doc = new Y.Doc();
    const notes = doc.getMap<unknown>(MOVES_TYPE);
    notes.set('9:0', [9, 0, 5]);
    for (let i = 0; i < 10; i++) notes.set(`1:${i}`, [1, i, i + 1, 1000 + i]);
    // Trimming waits for a slack of a tenth over the limit.
    expect(trimMoveNotes(notes, 10)).toEqual([]);
    notes.set('2:0', [2, 0, 1, 999]);
    expect(trimMoveNotes(notes, 10)).toEqual(['9:0', '2:0']);
    expect(notes.size).toBe(10);
    expect(notes.has('1:0')).toBe(true);
  });
});
