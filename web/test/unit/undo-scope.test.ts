/** Undo never deletes a collaborator's text or a block's type (issue 19; editor/binding/undo-scope.ts). */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { scopeUndoToOwnContent } from '../../src/editor/binding/undo-scope.js';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'remote');
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'remote');
}

const blockOf = (doc: Y.Doc): Y.XmlText => doc.get('root', Y.XmlText).toDelta()[0]?.insert as Y.XmlText;

describe('undo scoped to one’s own content', () => {
  scopeUndoToOwnContent();

  it("undoing one's new block keeps it, with its type, when someone typed into it", () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    const undo = new Y.UndoManager(a.get('root', Y.XmlText), { trackedOrigins: new Set(['local']) });
    a.transact(() => {
      const block = new Y.XmlText();
      a.get('root', Y.XmlText).insertEmbed(0, block);
      block.setAttribute('__type', 'paragraph');
      block.insert(0, 'mine ');
    }, 'local');
    sync(a, b);
    blockOf(b).insert(5, 'BWORD');
    sync(a, b);
    undo.undo();
    sync(a, b);
    for (const doc of [a, b]) {
      expect(blockOf(doc).getAttribute('__type')).toBe('paragraph');
      expect(blockOf(doc).toString()).toBe('BWORD');
    }
  });

  it("undoing one's first typing keeps the text node, with its properties, when someone typed after it", () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    a.transact(() => {
      const block = new Y.XmlText();
      a.get('root', Y.XmlText).insertEmbed(0, block);
      block.setAttribute('__type', 'paragraph');
    }, 'seed');
    const undo = new Y.UndoManager(a.get('root', Y.XmlText), { trackedOrigins: new Set(['local']) });
    a.transact(() => {
      const text = new Y.Map<unknown>();
      blockOf(a).insertEmbed(0, text);
      text.set('__type', 'text');
      text.set('__format', 0);
      blockOf(a).insert(1, 'hello');
    }, 'local');
    sync(a, b);
    blockOf(b).insert(6, ' world');
    sync(a, b);
    undo.undo();
    sync(a, b);
    for (const doc of [a, b]) {
      const [start, text] = blockOf(doc).toDelta() as Array<{ insert: unknown }>;
      expect((start!.insert as Y.Map<unknown>).toJSON()).toEqual({ __type: 'text', __format: 0 });
      expect(text!.insert).toBe(' world');
    }
  });

  it('without a collaborator the block goes, and a type change is still undone', () => {
    const doc = new Y.Doc();
    const root = doc.get('root', Y.XmlText);
    const undo = new Y.UndoManager(root, { trackedOrigins: new Set(['local']), captureTimeout: 0 });
    doc.transact(() => {
      const block = new Y.XmlText();
      root.insertEmbed(0, block);
      block.setAttribute('__type', 'paragraph');
    }, 'local');
    doc.transact(() => blockOf(doc).setAttribute('__type', 'heading'), 'local');
    undo.undo();
    expect(blockOf(doc).getAttribute('__type')).toBe('paragraph');
    undo.undo();
    expect(root.length).toBe(0);
  });

  it("keeps the constructor's own delete filter", () => {
    const doc = new Y.Doc();
    const undo = new Y.UndoManager(doc.get('root', Y.XmlText), { deleteFilter: () => false });
    doc.get('root', Y.XmlText).insert(0, 'kept');
    undo.undo();
    expect(doc.get('root', Y.XmlText).toString()).toBe('kept');
  });
});
