import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { $createParagraphNode, $getRoot } from 'lexical';
import { openHeadlessSession } from '../src/content/headless.js';
import { checkUpdateStructure } from '../src/protocol/update-structure.js';
import { recordEditorHistory } from './editor-updates.js';
import { nodesOfType } from './doc-checks.js';

describe('checkUpdateStructure (issue #18)', () => {
  it('accepts every update the editor writes, one by one and as one state', () => {
    const { updates, state } = recordEditorHistory();
    const doc = new Y.Doc();
    for (const update of updates) {
      expect(() => checkUpdateStructure(update, doc)).not.toThrow();
      Y.applyUpdate(doc, update);
    }
    expect(() => checkUpdateStructure(state, new Y.Doc())).not.toThrow();
    expect(() => checkUpdateStructure(state, doc)).not.toThrow();
  });
});

describe('checkUpdateStructure rules (issue #18)', () => {
  const base = (): Y.Doc => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, recordEditorHistory().state);
    return doc;
  };
  const change = (doc: Y.Doc, edit: (root: Y.XmlText, doc: Y.Doc) => void): Uint8Array => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(copy);
    edit(copy.get('root', Y.XmlText), copy);
    return Y.encodeStateAsUpdate(copy, before);
  };
  const nested = (depth: number) => (root: Y.XmlText) => {
    let parent = root;
    for (let level = 0; level < depth; level++) {
      const child = new Y.XmlText();
      child.setAttribute('__type', level % 2 === 0 ? 'list' : 'listitem');
      if (level % 2 === 0) child.setAttribute('__listType', 'bullet');
      parent.insertEmbed(parent.length, child);
      parent = child;
    }
  };

  it('lists nested as deep as people make them are accepted; thousands deep are refused', () => {
    const doc = base();
    expect(() => checkUpdateStructure(change(doc, nested(20)), doc)).not.toThrow();
    expect(() => checkUpdateStructure(change(doc, nested(2000)), doc)).toThrow(/nested too deeply/);
  });

  it('shared types outside the editor tree are not its business (comments, metadata)', () => {
    const doc = base();
    const update = change(doc, (_, copy) => copy.getMap('meta').set('__proto__', { any: 'thing' }));
    expect(() => checkUpdateStructure(update, doc)).not.toThrow();
    Y.applyUpdate(doc, update);
    expect(() =>
      checkUpdateStructure(
        change(doc, (_, copy) => copy.getMap('meta').set('__proto__', 2)),
        doc,
      ),
    ).not.toThrow();
  });

  it('an edit whose parent has not arrived waits, and is checked when it lands', () => {
    const doc = base();
    const source = new Y.Doc();
    Y.applyUpdate(source, Y.encodeStateAsUpdate(doc));
    const paragraph = (root: Y.XmlText): Y.XmlText => nodesOfType(root, 'paragraph')[0] as Y.XmlText;
    const first = change(source, (root) => paragraph(root).insert(1, 'a'));
    Y.applyUpdate(source, first);
    const second = change(source, (root) => paragraph(root).insert(2, 'b'));
    expect(() => checkUpdateStructure(second, doc)).not.toThrow();
    Y.applyUpdate(doc, second);
    expect(() => checkUpdateStructure(first, doc)).not.toThrow();
  });

  it('a block changes type in place within its family (issue #19), never into a list', () => {
    const doc = base();
    const added = change(doc, (root) => {
      const paragraph = new Y.XmlText();
      paragraph.setAttribute('__type', 'paragraph');
      root.insertEmbed(root.length, paragraph);
    });
    Y.applyUpdate(doc, added);
    const lastBlock = (copy: Y.Doc): Y.XmlText =>
      (copy.get('root', Y.XmlText).toDelta() as { insert: unknown }[]).at(-1)!.insert as Y.XmlText;
    const toHeading = change(doc, (_, copy) => {
      lastBlock(copy).setAttribute('__type', 'heading');
      lastBlock(copy).setAttribute('__tag', 'h2');
    });
    expect(() => checkUpdateStructure(toHeading, doc)).not.toThrow();
    Y.applyUpdate(doc, toHeading);
    const backToParagraph = change(doc, (_, copy) => {
      lastBlock(copy).setAttribute('__type', 'paragraph');
      lastBlock(copy).removeAttribute('__tag');
    });
    expect(() => checkUpdateStructure(backToParagraph, doc)).not.toThrow();
    const toList = change(doc, (_, copy) => lastBlock(copy).setAttribute('__type', 'list'));
    expect(() => checkUpdateStructure(toList, doc)).toThrow(/changes a node type/);
    const tagKept = change(doc, (_, copy) => lastBlock(copy).removeAttribute('__tag'));
    expect(() => checkUpdateStructure(tagKept, doc)).toThrow(/deletes a node property/);
  });

  it('a paragraph left with a heading level drops it alone; a heading may not (issue #19, fuzz seed 82)', () => {
    const doc = base();
    const block = (copy: Y.Doc): Y.XmlText =>
      (copy.get('root', Y.XmlText).toDelta() as { insert: unknown }[]).at(-1)!.insert as Y.XmlText;
    // What an undo kept before undo-stray-properties.ts dropped it: a paragraph with `__tag`.
    const stray = change(doc, (root) => {
      const paragraph = new Y.XmlText();
      root.insertEmbed(root.length, paragraph);
      paragraph.setAttribute('__type', 'heading');
      paragraph.setAttribute('__tag', 'h2');
    });
    Y.applyUpdate(doc, stray);
    Y.applyUpdate(
      doc,
      change(doc, (_, copy) => block(copy).setAttribute('__type', 'paragraph')),
    );
    expect(block(doc).getAttribute('__tag')).toBe('h2');
    const dropped = change(doc, (_, copy) => block(copy).removeAttribute('__tag'));
    expect(() => checkUpdateStructure(dropped, doc)).not.toThrow();
    Y.applyUpdate(
      doc,
      change(doc, (_, copy) => block(copy).setAttribute('__type', 'heading')),
    );
    const fromHeading = change(doc, (_, copy) => block(copy).removeAttribute('__tag'));
    expect(() => checkUpdateStructure(fromHeading, doc)).toThrow(/deletes a node property/);
  });

  it('a block retyped twice while offline is accepted, with undo keeping the values it overwrote (issue #19)', () => {
    const doc = base();
    const twice = (block: Y.XmlText): void => {
      block.setAttribute('__type', 'heading');
      block.setAttribute('__tag', 'h1');
      block.setAttribute('__type', 'quote');
      block.removeAttribute('__tag');
    };
    const newBlock = change(doc, (root) => {
      new Y.UndoManager(root);
      const paragraph = new Y.XmlText();
      root.insertEmbed(root.length, paragraph);
      paragraph.setAttribute('__type', 'paragraph');
      twice(paragraph);
    });
    expect(() => checkUpdateStructure(newBlock, doc)).not.toThrow();
    Y.applyUpdate(doc, newBlock);
    const existing = change(doc, (root) => {
      new Y.UndoManager(root);
      twice((root.toDelta() as { insert: unknown }[]).at(-1)!.insert as Y.XmlText);
    });
    expect(() => checkUpdateStructure(existing, doc)).not.toThrow();
  });

  it('characters typed at the end of a text node someone deleted meanwhile are accepted (issue #19)', () => {
    const doc = base();
    const lastBlock = (copy: Y.Doc): Y.XmlText =>
      (copy.get('root', Y.XmlText).toDelta() as { insert: unknown }[]).at(-1)!.insert as Y.XmlText;
    Y.applyUpdate(
      doc,
      change(doc, (root) => {
        const paragraph = new Y.XmlText();
        root.insertEmbed(root.length, paragraph);
        paragraph.setAttribute('__type', 'paragraph');
        const text = new Y.Map<unknown>();
        paragraph.insertEmbed(0, text);
        for (const [key, value] of Object.entries({
          __type: 'text',
          __format: 0,
          __style: '',
          __mode: 0,
          __detail: 0,
        })) {
          text.set(key, value);
        }
        paragraph.insert(1, 'alpha');
      }),
    );
    const typedAtTheEnd = change(doc, (_, copy) => lastBlock(copy).insert(6, ' OFFWORD'));
    const textNodeDeleted = change(doc, (_, copy) => lastBlock(copy).delete(0, 6));
    expect(() => checkUpdateStructure(textNodeDeleted, doc)).not.toThrow();
    Y.applyUpdate(doc, textNodeDeleted);
    expect(() => checkUpdateStructure(typedAtTheEnd, doc)).not.toThrow();
  });

  const listWithState = (fill: (state: Y.Map<unknown>) => void) => (root: Y.XmlText) => {
    const list = new Y.XmlText();
    list.setAttribute('__type', 'list');
    list.setAttribute('__listType', 'bullet');
    const state = new Y.Map<unknown>();
    list.setAttribute('__state', state as unknown as string);
    root.insertEmbed(root.length, list);
    fill(state);
  };

  it("Lexical's node state from Markdown shortcuts (a list typed with '- ', a code fence) is accepted", () => {
    const doc = base();
    const update = change(
      doc,
      listWithState((state) => state.set('mdListMarker', '-')),
    );
    expect(() => checkUpdateStructure(update, doc)).not.toThrow();
    Y.applyUpdate(doc, update);
    const list = [...doc.get('root', Y.XmlText).toDelta()].pop().insert as Y.XmlText;
    const later = change(doc, (_, copy) => {
      const copyList = [...copy.get('root', Y.XmlText).toDelta()].pop().insert as Y.XmlText;
      (copyList.getAttribute('__state') as unknown as Y.Map<unknown>).set('mdCodeFence', '````');
    });
    expect(list.getAttribute('__type')).toBe('list');
    expect(() => checkUpdateStructure(later, doc)).not.toThrow();
  });

  it('node state Lexical never writes is refused: unknown keys, odd values, nested types, a state that is not a map', () => {
    const doc = base();
    const refused = [
      listWithState((state) => state.set('__proto__', '-')),
      listWithState((state) => state.set('mdListMarker', 'javascript:')),
      listWithState((state) => state.set('shadowRoot', new Y.Map())),
      (root: Y.XmlText) => {
        const list = new Y.XmlText();
        list.setAttribute('__type', 'quote');
        list.setAttribute('__state', 'shadowRoot');
        root.insertEmbed(root.length, list);
      },
    ];
    for (const edit of refused) {
      expect(() => checkUpdateStructure(change(doc, edit), doc)).toThrow(/node state/);
    }
  });
});

describe('undo and redo through the editor binding (issue #18)', () => {
  it("undoing and redoing someone's typing is accepted at every step", () => {
    const session = openHeadlessSession();
    session.editor.update(() => $getRoot().append($createParagraphNode()), { discrete: true });
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(session.doc));
    const undo = new Y.UndoManager(session.binding.root.getSharedType(), {
      trackedOrigins: new Set([session.binding]),
    });
    const updates: Uint8Array[] = [];
    session.doc.on('update', (update: Uint8Array) => updates.push(update));
    const deliver = (): void => {
      for (const update of updates.splice(0)) {
        expect(() => checkUpdateStructure(update, server)).not.toThrow();
        Y.applyUpdate(server, update);
      }
    };
    session.editor.update(() => $getRoot().selectEnd().insertText('Ada line'), { discrete: true });
    deliver();
    undo.undo();
    deliver();
    undo.redo();
    deliver();
    session.editor.read(() => expect($getRoot().getTextContent()).toBe('Ada line'));
    session.dispose();
  });
});
