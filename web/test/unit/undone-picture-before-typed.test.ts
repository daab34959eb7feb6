/**
 * Undoing a picture's deletion after someone typed where it was (issue #19; all-actions
 * fuzz, seed 213 at 48 steps). Ada deletes the picture at the end of a line; Grace types
 * after it (Yjs puts her letters right after the deleted picture, still the text of the
 * node before it); Ada undoes. Yjs writes the picture back in front of Grace's letters and,
 * in the same transaction, the binding gives them a text node start of their own
 * (restored-node-starts.ts): one update, in the editor's shape. The server looked only at
 * the document right of the picture, found Grace's letters, and refused it (1003 `node
 * "image" between a text node and its characters`); the page never synced again.
 */
import { $createImageNode, QUIRE_NODES } from '@quire/shared/lexical';
import { $createParagraphNode, $createTextNode, $getRoot, type ElementNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdateStructure } from '@quire/server';
import { keepOneCopyOfMoves } from '../../src/editor/binding/concurrent-moves.js';
import { keepMovedAwayText } from '../../src/editor/binding/moved-text-rescue.js';
import { scopeUndoToOwnContent } from '../../src/editor/binding/undo-scope.js';
import { dropStrayPropertiesOnUndo } from '../../src/editor/binding/undo-stray-properties.js';
import { headlessClient, provider, syncPeople, type Person } from '../support/headless-clients.js';

function person(clientID: number): Person {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  keepMovedAwayText(doc);
  keepOneCopyOfMoves(doc);
  return { doc, editor: headlessClient(doc, true, provider, QUIRE_NODES) };
}

const edit = (person: Person, change: () => void): void => person.editor.update(change, { discrete: true });

/** The updates `person` sends from now on, as the server would receive them. */
function outgoing({ doc }: Person): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') updates.push(update);
  });
  return updates;
}

/** What the server says to each update in turn, applied to a copy of `base`. */
function serverVerdicts(updates: Uint8Array[], base: Y.Doc): string[] {
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(base));
  return updates.map((update) => {
    try {
      checkUpdateStructure(update, server, 'doc');
      Y.applyUpdate(server, update);
      return 'ok';
    } catch (err) {
      return (err as Error).message;
    }
  });
}

describe('undoing a picture’s deletion after another typed where it was', () => {
  scopeUndoToOwnContent();
  dropStrayPropertiesOnUndo();

  async function undoAfterTyping(): Promise<{ ada: Person; grace: Person; sent: Uint8Array[]; before: Y.Doc }> {
    const ada = person(1);
    const grace = person(2);
    edit(ada, () =>
      $getRoot().append(
        $createParagraphNode().append(
          $createTextNode('alpha '),
          $createImageNode({ src: `/api/docs/doc/files/${'a'.repeat(64)}` }),
        ),
      ),
    );
    await syncPeople([ada, grace]);
    const undo = new Y.UndoManager(ada.doc.get('root', Y.XmlText), {
      trackedOrigins: new Set<unknown>([Object]),
      captureTimeout: 0,
    });
    edit(ada, () => $getRoot().getFirstChild<ElementNode>()!.getLastChild()!.remove());
    await syncPeople([ada, grace]);
    edit(grace, () => {
      $getRoot().getFirstChild<ElementNode>()!.selectEnd();
      $getRoot().getFirstChild<ElementNode>()!.getLastChild<ElementNode>()!.selectEnd().insertText(' beta');
    });
    await syncPeople([ada, grace]);
    const before = new Y.Doc();
    Y.applyUpdate(before, Y.encodeStateAsUpdate(ada.doc));
    const sent = outgoing(ada);
    undo.undo();
    ada.editor.read(() => undefined);
    return { ada, grace, sent, before };
  }

  it('sends updates the server takes', async () => {
    const { sent, before } = await undoAfterTyping();
    expect(serverVerdicts(sent, before)).toEqual(sent.map(() => 'ok'));
  });
});
