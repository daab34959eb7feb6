import { createHeadlessEditor } from '@lexical/headless';
import { createBinding, syncYjsChangesToLexical, type Provider } from '@lexical/yjs';
import { QUIRE_NODES } from '@quire/shared/lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedNewDocument } from './seed.js';

/** A provider with nobody else on it, enough for a binding that only reads. */
const silentProvider = {
  awareness: {
    getLocalState: () => null,
    getStates: () => new Map(),
    off: () => undefined,
    on: () => undefined,
    setLocalState: () => undefined,
    setLocalStateField: () => undefined,
  },
  connect: () => undefined,
  disconnect: () => undefined,
  off: () => undefined,
  on: () => undefined,
} satisfies Provider;

/** Reads a doc the way a browser editor does: a binding that replays the doc's Yjs events. */
function readAsLexicalJson(update: Uint8Array): unknown {
  const doc = new Y.Doc();
  const editor = createHeadlessEditor({
    nodes: [...QUIRE_NODES],
    onError: (err) => {
      throw err;
    },
  });
  const binding = createBinding(editor, silentProvider, 'read', doc, new Map([['read', doc]]));
  binding.root.getSharedType().observeDeep((events) => {
    syncYjsChangesToLexical(binding, silentProvider, events, false);
  });
  Y.applyUpdate(doc, update);
  // editor.read() commits the update the binding queued before reading.
  return editor.read(() => editor.getEditorState().toJSON());
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
