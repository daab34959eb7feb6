/**
 * Two bulleted lists a collaborator's change leaves side by side stay two lists on every page
 * until someone edits them (issue 19; editor/binding/untransformed-remote.ts). A browser page
 * tells its selection listeners the caret moved just before it shows a remote update, and
 * Lexical then ran its list transform over the lists the update brought: it merged them on
 * that page only, Yjs still held two. The fuzz's seed 104 at 48 steps: words that page typed
 * into the second list never reached anyone, and its editor repeated a growing stretch of the
 * list's words while the others and the server agreed.
 */
import { $insertList } from '@lexical/list';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  SELECTION_CHANGE_COMMAND,
  type LexicalEditor,
} from 'lexical';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { replayPage } from '../support/fuzz-replay.js';
import { exchange, headlessText, movingPerson, settle, type Person } from '../support/headless-clients.js';

const edit = (editor: LexicalEditor, change: () => void): void => editor.update(change, { discrete: true });

async function syncAll(people: Person[]): Promise<void> {
  for (let round = 0; round < 3; round++) {
    for (const a of people) for (const b of people) if (a !== b) exchange(a.doc, b.doc);
    for (const { editor } of people) editor.read(() => undefined);
    await settle();
  }
}

const bulletAt = (editor: LexicalEditor, index: number): void =>
  edit(editor, () => {
    $getRoot().getChildAtIndex(index)!.selectEnd();
    $insertList('bullet');
  });

const typeAtEnd = (editor: LexicalEditor, text: string): void =>
  edit(editor, () => {
    $getRoot().getLastDescendant()!.selectEnd();
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.insertText(text);
  });

const blockTypes = (editor: LexicalEditor): string[] =>
  editor.getEditorState().read(() =>
    $getRoot()
      .getChildren()
      .map((block) => block.getType()),
  );

it('keeps two lists a collaborator left side by side apart, so words typed in the second reach everyone', async () => {
  const [ada, grace] = [movingPerson(1), movingPerson(2)];
  edit(ada.editor, () => {
    for (const word of ['alpha', 'beta']) $getRoot().append($createParagraphNode().append($createTextNode(word)));
  });
  await syncAll([ada, grace]);
  bulletAt(ada.editor, 0);
  bulletAt(grace.editor, 1);

  // Ada's page takes in Grace's list and, as a browser page does, tells its selection
  // listeners the caret moved before it shows the change.
  Y.applyUpdate(ada.doc, Y.encodeStateAsUpdate(grace.doc, Y.encodeStateVector(ada.doc)), 'remote');
  ada.editor.dispatchCommand(SELECTION_CHANGE_COMMAND, undefined);
  await syncAll([ada, grace]);
  typeAtEnd(ada.editor, ' gamma');
  await syncAll([ada, grace]);

  expect(headlessText(grace.editor)).toBe('alpha\n\nbeta gamma');
  expect(headlessText(ada.editor)).toBe(headlessText(grace.editor));
  expect(headlessText((await replayPage([Y.encodeStateAsUpdate(ada.doc)])).editor)).toBe('alpha\n\nbeta gamma');
  expect(blockTypes(ada.editor)).toEqual(blockTypes(grace.editor));
});
