/**
 * Issue #19, fuzz seed 166 (all actions): bob, offline, makes an h2 an h1 (Ctrl+Alt+1: only
 * the node's `__tag` changes) and types, while ada makes the same h2 a paragraph (Ctrl+Alt+2
 * toggles it off: `__type` paragraph, the h2's `__tag` deleted). Merged, bob's level sits on
 * a paragraph. The server refused bob's update for that ("property __tag with a value a
 * "paragraph" node never has") at every reconnect, so nothing bob did offline reached anyone.
 * Now the server takes it, and both show one paragraph holding everyone's words.
 */
import { $createHeadingNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  type ElementNode,
  type LexicalEditor,
} from 'lexical';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { keepOneCopyOfMoves } from '../../src/editor/binding/concurrent-moves.js';
import { keepMovedAwayText } from '../../src/editor/binding/moved-text-rescue.js';
import { exchange, headlessClient, headlessText, settle } from '../support/headless-clients.js';
import { docName, startTestServer, useServers } from '../support/server.js';

const servers = useServers();

/** What the built server answers `POST /updates` of `update` to document `name`. */
async function post(url: string, name: string, update: Uint8Array): Promise<number> {
  const res = await fetch(`${url}/api/docs/${encodeURIComponent(name)}/updates`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: new Blob([update as Uint8Array<ArrayBuffer>]),
  });
  await res.arrayBuffer();
  return res.status;
}

const edit = (editor: LexicalEditor, change: () => void): void => editor.update(change, { discrete: true });
function person(clientID: number): { doc: Y.Doc; editor: LexicalEditor } {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  keepMovedAwayText(doc);
  keepOneCopyOfMoves(doc);
  return { doc, editor: headlessClient(doc, true) };
}
const retype = (editor: LexicalEditor, make: () => ElementNode): void =>
  edit(editor, () => {
    $getRoot().getFirstChild<ElementNode>()!.select();
    $setBlocksType($getSelection(), make);
  });
const typeAtEnd = (editor: LexicalEditor, words: string): void =>
  edit(editor, () => $getRoot().getFirstChild<ElementNode>()!.selectEnd().insertText(words));
const blocks = (editor: LexicalEditor): string[] =>
  editor.read(() =>
    $getRoot()
      .getChildren()
      .map((node) => node.getType()),
  );

for (const [adaId, bobId] of [
  [2, 1],
  [1, 2],
]) {
  it(`ada ${adaId} makes the h2 a paragraph while bob ${bobId}, offline, makes it h1 and types`, async () => {
    const ada = person(adaId!);
    const bob = person(bobId!);
    const sentByAda: Uint8Array[] = [];
    ada.doc.on('update', (update: Uint8Array) => sentByAda.push(update));
    edit(ada.editor, () =>
      $getRoot()
        .clear()
        .append($createParagraphNode().append($createTextNode('alpha beta'))),
    );
    exchange(ada.doc, bob.doc);
    bob.editor.read(() => undefined);
    await settle();
    retype(bob.editor, () => $createHeadingNode('h2'));
    exchange(ada.doc, bob.doc);
    ada.editor.read(() => undefined);
    await settle();

    retype(bob.editor, () => $createHeadingNode('h1'));
    typeAtEnd(bob.editor, ' gamma');
    retype(ada.editor, () => $createParagraphNode());
    await settle();

    // The server has had every change as ada had it; bob comes back and sends what it lacks.
    const { url } = servers.track(await startTestServer());
    const name = docName();
    for (const update of sentByAda) expect(await post(url, name, update)).toBeLessThan(300);
    expect(await post(url, name, Y.encodeStateAsUpdate(bob.doc, Y.encodeStateVector(ada.doc)))).toBeLessThan(300);

    exchange(ada.doc, bob.doc, 2);
    for (const { editor } of [ada, bob]) editor.read(() => undefined);
    await settle();
    for (const { editor } of [ada, bob]) {
      expect(blocks(editor)).toEqual(['paragraph']);
      expect(headlessText(editor)).toBe('alpha beta gamma');
    }
  });
}
