/**
 * Undoing a heading made of a collaborator's line leaves a plain paragraph (issue 19;
 * editor/binding/undo-stray-properties.ts). The undo scope keeps the heading level one's change
 * had added (undo-scope.ts keeps any property of a block holding a collaborator's text), so
 * the paragraph the undo brought back kept `__tag`; the editor's next change to the line
 * (Tab, a paragraph shortcut) dropped it alone, an update the server refuses (1003 "deletes a
 * node property without setting a new value"), and the page stopped syncing (editing fuzz,
 * seed 82 at 48 steps).
 */
import { $createHeadingNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $createParagraphNode, $createTextNode, $getRoot, $getSelection, $isRangeSelection } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { scopeUndoToOwnContent } from '../../src/editor/binding/undo-scope.js';
import { dropStrayPropertiesOnUndo } from '../../src/editor/binding/undo-stray-properties.js';
import { headlessText, mergeTwo, settle, twoMovingPeople, undoManagerOf } from '../support/headless-clients.js';
import { run } from '../support/headless-typing.js';

// As the editor's LosslessBindingPlugin does (they patch the undo manager's class).
scopeUndoToOwnContent();
dropStrayPropertiesOnUndo();

const PARAGRAPH_PROPERTIES = ['__dir', '__format', '__indent', '__style', '__textFormat', '__textStyle', '__type'];

const lineOf = (doc: Y.Doc): Y.XmlText => doc.get('root', Y.XmlText).toDelta()[0].insert as Y.XmlText;

/** A property an item of `transaction` deleted, if the node lost it (no new value) and kept its type. */
function droppedAlone(transaction: Y.Transaction, struct: Y.Item | Y.GC): string | null {
  if (!(struct instanceof Y.Item) || struct.parentSub === null) return null;
  const node = struct.parent as Y.AbstractType<unknown>;
  const value = node._map.get(struct.parentSub);
  const isGone = value === undefined || value.deleted;
  return isGone && !transaction.changed.get(node as never)?.has('__type') ? struct.parentSub : null;
}

/** The properties `doc`'s own changes from now on delete without a new value (read without splitting items). */
function loneDeletions(doc: Y.Doc): string[] {
  const found: string[] = [];
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (!transaction.local) return;
    transaction.deleteSet.clients.forEach((ranges, client) => {
      const structs = doc.store.clients.get(client) ?? [];
      for (const { clock, len } of ranges) {
        for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
          const key = droppedAlone(transaction, structs[i]!);
          if (key !== null) found.push(key);
        }
      }
    });
  });
  return found;
}

describe.each([0, 2])('undoing a heading made of a collaborator’s line (Grace’s id %i)', (graceId) => {
  it('leaves a paragraph without the heading level, and later changes drop no property alone', async () => {
    const [a, b, ada, grace] = await twoMovingPeople(graceId, () => {
      $getRoot().append($createParagraphNode().append($createTextNode('alpha beta')));
    });
    const undo = undoManagerOf(grace, b);
    run(b, () => {
      $getRoot().getFirstChildOrThrow().selectEnd();
      const selection = $getSelection();
      if ($isRangeSelection(selection)) $setBlocksType(selection, () => $createHeadingNode('h2'));
    });
    expect(lineOf(grace).getAttribute('__tag')).toBe('h2');
    undo.undo();
    // The editor reads the undo before the next key, as in a browser.
    b.read(() => undefined);
    await settle();
    expect(Object.keys(lineOf(grace).getAttributes()).sort()).toEqual(PARAGRAPH_PROPERTIES);
    const sent = loneDeletions(grace);
    run(b, () => {
      $getRoot().getFirstChildOrThrow().selectStart();
      const selection = $getSelection();
      if ($isRangeSelection(selection)) $setBlocksType(selection, () => $createParagraphNode());
    });
    run(b, () => $getRoot().getFirstChildOrThrow<ReturnType<typeof $createParagraphNode>>().setIndent(1));
    expect(sent).toEqual([]);
    const texts = await mergeTwo(a, b, ada, grace);
    expect(texts).toEqual(['alpha beta', 'alpha beta']);
    expect(headlessText(a)).toBe('alpha beta');
    expect(Object.keys(lineOf(ada).getAttributes()).sort()).toEqual(PARAGRAPH_PROPERTIES);
  });
});
