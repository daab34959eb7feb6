import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedNewDocument } from './seed.js';
import { renderEditorState } from './render.js';

/** Reads a doc the way a browser editor does: a binding that replays the doc's Yjs events. */
function readAsLexicalJson(update: Uint8Array): unknown {
  return renderEditorState(update);
}

describe('seedNewDocument (SPEC: New documents)', () => {
  it('writes one empty paragraph that the editor binding reads back', () => {
    const doc = new Y.Doc();
    seedNewDocument(doc);
    const json = readAsLexicalJson(Y.encodeStateAsUpdate(doc)) as {
      root: { children: Array<{ type: string; children: unknown[] }> };
    };
    expect(json.root.children).toHaveLength(1);
    expect(json.root.children[0]?.type).toBe('paragraph');
    expect(json.root.children[0]?.children).toEqual([]);
  });

  it('stores the paragraph in the root XmlText the collaboration plugin binds to', () => {
    const doc = new Y.Doc();
    seedNewDocument(doc);
    const root = doc.get('root', Y.XmlText);
    const delta = root.toDelta() as Array<{ insert: unknown }>;
    expect(delta).toHaveLength(1);
    expect(delta[0]?.insert).toBeInstanceOf(Y.XmlText);
    expect((delta[0]?.insert as Y.XmlText).getAttribute('__type')).toBe('paragraph');
  });

  it('leaves no listeners behind: later changes to the doc are not rewritten', () => {
    const doc = new Y.Doc();
    seedNewDocument(doc);
    const before = Y.encodeStateVector(doc);
    doc.get('root', Y.XmlText).insert(0, 'x');
    const clocks = Y.decodeStateVector(Y.encodeStateVector(doc));
    expect(clocks.get(doc.clientID)).toBe((Y.decodeStateVector(before).get(doc.clientID) ?? 0) + 1);
  });
});
