/**
 * An undo never writes a node back into a block that can no longer hold it (issue #19;
 * editor/binding/undone-misplaced.ts): one person deletes a picture, another makes its
 * paragraph a code block, and the first undoes. Yjs wrote the picture back inside the code,
 * the server refused the update (1003 `node "image" inside "code"`) and the page never synced
 * again (all-actions fuzz, seed 190 at 48 steps).
 */
import { $createCodeNode } from '@lexical/code';
import { $setBlocksType } from '@lexical/selection';
import { nodeSchema } from '@quire/shared';
import { $createImageNode, QUIRE_NODES } from '@quire/shared/lexical';
import { $createParagraphNode, $createTextNode, $getRoot, $getSelection, type ElementNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { keepOneCopyOfMoves } from '../../src/editor/binding/concurrent-moves.js';
import { keepMovedAwayText } from '../../src/editor/binding/moved-text-rescue.js';
import { scopeUndoToOwnContent } from '../../src/editor/binding/undo-scope.js';
import { dropStrayPropertiesOnUndo } from '../../src/editor/binding/undo-stray-properties.js';
import { headlessClient, headlessText, provider, syncPeople, type Person } from '../support/headless-clients.js';

function person(clientID: number): Person {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  keepMovedAwayText(doc);
  keepOneCopyOfMoves(doc);
  return { doc, editor: headlessClient(doc, true, provider, QUIRE_NODES) };
}

const edit = (person: Person, change: () => void): void => person.editor.update(change, { discrete: true });

/** Live nodes sitting in a block whose type may not hold them (what the server refuses). */
function misplacedNodes(doc: Y.Doc): string[] {
  const found: string[] = [];
  const visit = (block: Y.XmlText): void => {
    const parent = block.getAttribute('__type');
    for (const op of block.toDelta() as { insert: unknown }[]) {
      const node = op.insert;
      if (!(node instanceof Y.XmlText || node instanceof Y.XmlElement || node instanceof Y.Map)) continue;
      const type = node instanceof Y.Map ? (node as Y.Map<unknown>).get('__type') : node.getAttribute('__type');
      const schema = nodeSchema(type);
      if (typeof parent === 'string' && schema !== undefined && !schema.parents.has(parent)) {
        found.push(`${String(type)} in ${parent}`);
      }
      if (node instanceof Y.XmlText) visit(node);
    }
  };
  visit(doc.get('root', Y.XmlText));
  return found;
}

/** The updates `person` sends from now on, as the server would receive them. */
function outgoing({ doc }: Person): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') updates.push(update);
  });
  return updates;
}

function misplacedInUpdate(update: Uint8Array, base: Y.Doc): string[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  Y.applyUpdate(doc, update);
  return misplacedNodes(doc);
}

const blockTypes = ({ editor }: Person): string[] =>
  editor.read(() =>
    $getRoot()
      .getChildren()
      .map((node) => node.getType()),
  );

describe('undoing a picture’s deletion after its paragraph became a code block', () => {
  scopeUndoToOwnContent();
  dropStrayPropertiesOnUndo();

  it('sends nothing the server refuses, and everyone converges on the code block', async () => {
    const ada = person(1);
    const grace = person(2);
    edit(ada, () =>
      $getRoot().append(
        $createParagraphNode().append(
          $createTextNode('alpha '),
          $createImageNode({ src: '/files/a.png' }),
          $createTextNode('beta'),
        ),
      ),
    );
    await syncPeople([ada, grace]);
    const undo = new Y.UndoManager(ada.doc.get('root', Y.XmlText), {
      trackedOrigins: new Set<unknown>([Object]),
      captureTimeout: 0,
    });
    edit(ada, () => $getRoot().getFirstChild<ElementNode>()!.getChildAtIndex(1)!.remove());
    await syncPeople([ada, grace]);
    edit(grace, () => {
      $getRoot().getFirstChild<ElementNode>()!.select();
      $setBlocksType($getSelection(), () => $createCodeNode());
    });
    await syncPeople([ada, grace]);
    expect(blockTypes(ada)).toEqual(['code']);

    const before = new Y.Doc();
    Y.applyUpdate(before, Y.encodeStateAsUpdate(ada.doc));
    const sent = outgoing(ada);
    undo.undo();
    ada.editor.read(() => undefined);
    await syncPeople([ada, grace]);

    for (const update of sent) expect(misplacedInUpdate(update, before)).toEqual([]);
    for (const { doc } of [ada, grace]) expect(misplacedNodes(doc)).toEqual([]);
    expect(blockTypes(ada)).toEqual(['code']);
    expect(blockTypes(grace)).toEqual(['code']);
    expect(headlessText(ada.editor)).toBe(headlessText(grace.editor));
    expect(headlessText(ada.editor)).toBe('alpha beta');
  });
});
