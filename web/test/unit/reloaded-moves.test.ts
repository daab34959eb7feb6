/**
 * A move made before a reload still gives way when it loses afterwards (issue 19;
 * editor/binding/remembered-moves.ts). Found by the editing fuzz (seed 2 at 48 steps, all
 * actions, about one run in two): Cora inserted a table at the start of the first line, which
 * carried its text into a new heading (a move of the line), then reloaded the page. Grace,
 * offline all along, had made the line a list. When she came back her note of the line won
 * (in the runs where her random client id was the higher), but Cora's page, reloaded, had a
 * new client id and had forgotten its own move: nobody gave way and the line showed twice.
 */
import { $createListItemNode, $createListNode, $insertList } from '@lexical/list';
import { $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
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
import { keepOneCopyOfMoves } from '../../src/editor/binding/concurrent-moves.js';
import { keepMovedAwayText } from '../../src/editor/binding/moved-text-rescue.js';
import type { MoveMemory } from '../../src/editor/binding/remembered-moves.js';
import {
  exchange,
  headlessClient,
  headlessText,
  mergeTwo,
  settle,
  sortedWords,
  type Person,
} from '../support/headless-clients.js';
import { $textHolding, linkWord, run, typeAtEnd } from '../support/headless-typing.js';

/** Enter with the caret just before `word`: the text from there goes to a new line. */
const enterBefore = (editor: LexicalEditor, word: string): void =>
  run(editor, () => {
    const text = $textHolding(word);
    const at = text.getTextContent().indexOf(word);
    text.select(at, at);
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.insertParagraph();
  });

const toList = (editor: LexicalEditor): void =>
  run(editor, () => {
    $getRoot().getFirstChildOrThrow().selectEnd();
    $insertList('bullet');
  });

const toQuote = (editor: LexicalEditor): void =>
  run(editor, () => {
    $getRoot().getFirstChildOrThrow().selectEnd();
    $setBlocksType($getSelection(), () => $createQuoteNode());
  });

/** What a tab's session storage keeps across a reload. */
const tabMemory = (): MoveMemory & { value: string | null } => ({
  value: null,
  read() {
    return this.value;
  },
  write(value) {
    this.value = value;
  },
});

/** A page as the app binds one, its moves remembered in `memory`. */
function page(clientID: number, memory?: MoveMemory): Person {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  keepMovedAwayText(doc);
  keepOneCopyOfMoves(doc, undefined, memory);
  return { doc, editor: headlessClient(doc, true) };
}

/** The page reloaded: a new document with a new client id loads what the old one kept. */
async function reload(old: Person, clientID: number, memory: MoveMemory): Promise<Person> {
  old.doc.destroy();
  const fresh = page(clientID, memory);
  Y.applyUpdate(fresh.doc, Y.encodeStateAsUpdate(old.doc), 'remote');
  fresh.editor.read(() => undefined);
  await settle();
  return fresh;
}

const line = (): void => void $getRoot().append($createParagraphNode().append($createTextNode('w1h w2o w3x')));

const listItem = (): void =>
  void $getRoot().append(
    $createListNode('bullet').append($createListItemNode().append($createTextNode('w1h w2o w3x'))),
  );

/** Cora (client 1, remembering her moves) and Grace (`graceId`: 2, her notes win; 0, Cora's win) share one line. */
async function coraAndGrace(memory: MoveMemory, build = line, graceId = 2): Promise<[Person, Person]> {
  const [cora, grace] = [page(1, memory), page(graceId)];
  run(cora.editor, build);
  exchange(cora.doc, grace.doc);
  for (const { editor } of [cora, grace]) editor.read(() => undefined);
  await settle();
  return [cora, grace];
}

describe('a move made before a reload, which loses to a move made offline meanwhile', () => {
  it('gives way when it carried text out of the line (Enter), so the carried words show once', async () => {
    const memory = tabMemory();
    const [cora, grace] = await coraAndGrace(memory);
    enterBefore(cora.editor, 'w2o');
    toList(grace.editor);
    const reloaded = await reload(cora, 7, memory);
    const [textA, textB] = await mergeTwo(reloaded.editor, grace.editor, reloaded.doc, grace.doc);
    expect(textA).toBe(textB);
    expect(sortedWords(textA!)).toEqual(['w1h', 'w2o', 'w3x']);
    expect(headlessText(reloaded.editor)).toBe(headlessText(grace.editor));
  });

  it('gives way when it moved the whole line (a quote), so the line shows once', async () => {
    const memory = tabMemory();
    const [cora, grace] = await coraAndGrace(memory);
    toQuote(cora.editor);
    toList(grace.editor);
    const reloaded = await reload(cora, 7, memory);
    const [textA, textB] = await mergeTwo(reloaded.editor, grace.editor, reloaded.doc, grace.doc);
    expect(textA).toBe(textB);
    expect(sortedWords(textA!)).toEqual(['w1h', 'w2o', 'w3x']);
  });

  it('hands over the words typed into the moved line before the reload', async () => {
    const memory = tabMemory();
    const [cora, grace] = await coraAndGrace(memory);
    toQuote(cora.editor);
    run(cora.editor, () => void $getRoot().getFirstChildOrThrow().selectEnd().insertText(' w4q'));
    toList(grace.editor);
    const reloaded = await reload(cora, 7, memory);
    const [textA, textB] = await mergeTwo(reloaded.editor, grace.editor, reloaded.doc, grace.doc);
    expect(textA).toBe(textB);
    expect(sortedWords(textA!)).toEqual(['w1h', 'w2o', 'w3x', 'w4q']);
  });

  it.each([
    ['Grace', 2],
    ['Cora', 0],
  ])(
    'keeps once the words Enter carried into a new list item, when the list is made a quote (%s’s note wins)',
    async (_, graceId) => {
      const memory = tabMemory();
      const [cora, grace] = await coraAndGrace(memory, listItem, graceId);
      enterBefore(cora.editor, 'w2o');
      toQuote(grace.editor);
      const reloaded = await reload(cora, 7, memory);
      const [textA, textB] = await mergeTwo(reloaded.editor, grace.editor, reloaded.doc, grace.doc);
      expect(textA).toBe(textB);
      expect(sortedWords(textA!)).toEqual(['w1h', 'w2o', 'w3x']);
    },
  );

  it.each([
    ['not JSON', '{"clients":'],
    ['of the wrong shape', '{"clients":"1","moves":[{"key":7},{"key":"1:0","note":[1,2],"seen":"","entry":null}]}'],
    [
      'naming items the document lacks',
      '{"clients":[1],"moves":[{"key":"1:0","note":[1,90,99],"seen":"w1h","blocks":[[1,95]],"entry":null}]}',
    ],
  ])('reads a memory %s as holding no move', async (_, stored) => {
    const memory = tabMemory();
    memory.value = stored;
    const [cora, grace] = await coraAndGrace(memory);
    toQuote(cora.editor);
    toList(grace.editor);
    const [textA, textB] = await mergeTwo(cora.editor, grace.editor, cora.doc, grace.doc);
    expect(textA).toBe(textB);
    expect(sortedWords(textA!)).toEqual(['w1h', 'w2o', 'w3x']);
  });

  it('keeps a word typed and linked before the reload, in a line the other person made a list item unseen', async () => {
    const memory = tabMemory();
    const [cora, grace] = await coraAndGrace(memory);
    typeAtEnd(cora.editor, ' w4q');
    linkWord(cora.editor, 'w4q');
    toList(grace.editor);
    const reloaded = await reload(cora, 7, memory);
    const [textA, textB] = await mergeTwo(reloaded.editor, grace.editor, reloaded.doc, grace.doc);
    expect(textA).toBe(textB);
    expect(sortedWords(textA!)).toEqual(['w1h', 'w2o', 'w3x', 'w4q']);
  });
});
