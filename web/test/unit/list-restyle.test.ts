/**
 * A list switched between numbered and bulleted keeps its items where they are (issue 19;
 * editor/binding/list-restyle.ts): words a collaborator typed into an item while someone
 * offline switched the list stay, once, and everyone sees the new list type. The fuzz's
 * seed 2 lost such words when the switcher had received them just before sending the
 * switch (then the update that reached the typist deleted them with the list).
 */
import { $insertList } from '@lexical/list';
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
import { exchange, headlessText, movingPerson, settle, type Person } from '../support/headless-clients.js';

const edit = (editor: LexicalEditor, change: () => void): void => editor.update(change, { discrete: true });

const person = movingPerson;

/** Sends `to` what `from` has and it lacks, as one remote update. */
function send(from: Person, to: Person): void {
  Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)), 'remote');
  to.editor.read(() => undefined);
}

async function syncAll(people: Person[]): Promise<void> {
  for (let round = 0; round < 3; round++) {
    for (const a of people) for (const b of people) if (a !== b) exchange(a.doc, b.doc);
    for (const { editor } of people) editor.read(() => undefined);
    await settle();
  }
}

const switchList = (editor: LexicalEditor, type: 'bullet' | 'number'): void =>
  edit(editor, () => {
    $getRoot().getLastDescendant()!.selectEnd();
    $insertList(type);
  });

const typeAtEnd = (editor: LexicalEditor, text: string): void =>
  edit(editor, () => {
    $getRoot().getLastDescendant()!.selectEnd();
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.insertText(text);
  });

const listTypeOf = (editor: LexicalEditor): unknown =>
  editor
    .getEditorState()
    .toJSON()
    .root.children.map((block) => (block as { listType?: string }).listType);

/** Ada writes a numbered list everyone has; Grace goes offline; Cora types into its item. */
async function numberedListThenTyping(): Promise<[Person, Person, Person]> {
  const [ada, grace, cora] = [person(1), person(2), person(3)];
  edit(ada.editor, () => $getRoot().append($createParagraphNode().append($createTextNode('alpha beta '))));
  switchList(ada.editor, 'number');
  await syncAll([ada, grace, cora]);
  typeAtEnd(cora.editor, 'CORA ');
  await syncAll([ada, cora]);
  return [ada, grace, cora];
}

describe('a list switched between numbered and bulleted', () => {
  it('keeps words typed meanwhile, when the switcher had them first', async () => {
    const [ada, grace, cora] = await numberedListThenTyping();
    switchList(grace.editor, 'bullet');
    // Grace comes back: she receives Cora's word, then sends everything she has.
    send(cora, grace);
    send(grace, cora);
    await syncAll([ada, grace, cora]);
    for (const { editor } of [ada, grace, cora]) {
      expect(headlessText(editor)).toBe('alpha beta CORA ');
      expect(listTypeOf(editor)).toEqual(['bullet']);
    }
  });

  it('keeps words typed meanwhile, when the typist has the switch first', async () => {
    const [ada, grace, cora] = await numberedListThenTyping();
    switchList(grace.editor, 'bullet');
    send(grace, cora);
    send(cora, grace);
    await syncAll([ada, grace, cora]);
    for (const { editor } of [ada, grace, cora]) expect(headlessText(editor)).toBe('alpha beta CORA ');
  });

  it('switched by two people at once is one list, with its words once', async () => {
    const [ada, grace, cora] = await numberedListThenTyping();
    await syncAll([ada, grace, cora]);
    switchList(ada.editor, 'bullet');
    switchList(grace.editor, 'bullet');
    typeAtEnd(cora.editor, 'MORE ');
    await syncAll([ada, grace, cora]);
    for (const { editor } of [ada, grace, cora]) {
      expect(headlessText(editor)).toBe('alpha beta CORA MORE ');
      expect(listTypeOf(editor)).toEqual(['bullet']);
    }
  });
});
