/**
 * The rescue of text typed into a block someone else moved (issue 19), on plain Yjs
 * documents shaped as the editor writes them: a block is an XmlText in `root`, a text node
 * a Map embed followed by its characters. The browser cases are in container-moves.test.ts.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { keepMovedAwayText } from '../../src/editor/binding/moved-text-rescue.js';

function block(type: string, text: string): Y.XmlText {
  const node = new Y.XmlText();
  node.setAttribute('__type', type);
  const leaf = new Y.Map<unknown>();
  leaf.set('__type', 'text');
  node.insertEmbed(0, leaf);
  if (text !== '') node.insert(1, text);
  return node;
}

/** The document's text, one line per block (nested blocks inline). */
function textOf(type: Y.XmlText): string {
  return type
    .toDelta()
    .map(({ insert }: { insert: unknown }) =>
      insert instanceof Y.XmlText ? textOf(insert) : typeof insert === 'string' ? insert : '',
    )
    .join(type.parent === null ? '\n' : '');
}

const rootOf = (doc: Y.Doc): Y.XmlText => doc.get('root', Y.XmlText);
const sync = (from: Y.Doc, to: Y.Doc): void => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
// The rescue runs in a microtask after the transaction: one turn of the event loop lets it finish.
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Ada moves the first block into a list item (delete and copy, as the binding does). */
function makeListItem(ada: Y.Doc): void {
  const root = rootOf(ada);
  const paragraph = root.toDelta()[0].insert as Y.XmlText;
  const text = textOf(paragraph);
  ada.transact(() => {
    root.delete(0, 1);
    const list = new Y.XmlText();
    root.insertEmbed(0, list);
    list.setAttribute('__type', 'list');
    list.insertEmbed(0, block('listitem', text));
  });
}

async function pair(): Promise<{ ada: Y.Doc; grace: Y.Doc }> {
  const ada = new Y.Doc();
  const grace = new Y.Doc();
  keepMovedAwayText(ada);
  keepMovedAwayText(grace);
  rootOf(ada).insertEmbed(0, block('paragraph', 'alpha beta'));
  sync(ada, grace);
  await settle();
  return { ada, grace };
}

async function exchange(ada: Y.Doc, grace: Y.Doc): Promise<void> {
  sync(ada, grace);
  await settle();
  sync(grace, ada);
  sync(ada, grace);
}

describe('text typed into a block someone moved', () => {
  it('lands in the mover’s copy, at the same place, once', async () => {
    const { ada, grace } = await pair();
    (rootOf(grace).toDelta()[0].insert as Y.XmlText).insert(7, 'GRACE ');
    makeListItem(ada);
    await exchange(ada, grace);
    expect(textOf(rootOf(grace))).toBe('alpha GRACE beta');
    expect(textOf(rootOf(ada))).toBe('alpha GRACE beta');
    expect(Y.encodeStateVector(ada)).toEqual(Y.encodeStateVector(grace));
  });

  it('comes back as a paragraph of its own where the block was, when it was deleted rather than moved', async () => {
    const { ada, grace } = await pair();
    (rootOf(grace).toDelta()[0].insert as Y.XmlText).insert(11, ' GRACE');
    rootOf(ada).insertEmbed(1, block('paragraph', 'other'));
    rootOf(ada).delete(0, 1);
    await exchange(ada, grace);
    expect(textOf(rootOf(ada)).split('\n')).toEqual([' GRACE', 'other']);
    expect(textOf(rootOf(grace))).toBe(textOf(rootOf(ada)));
  });

  it('is not written again when the mover had seen it', async () => {
    const { ada, grace } = await pair();
    (rootOf(grace).toDelta()[0].insert as Y.XmlText).insert(11, ' GRACE');
    sync(grace, ada);
    makeListItem(ada);
    await exchange(ada, grace);
    expect(textOf(rootOf(grace))).toBe('alpha beta GRACE');
  });

  it('leaves alone what undo wrote back (a copy of text the mover has too)', async () => {
    const { ada, grace } = await pair();
    const paragraph = rootOf(grace).toDelta()[0].insert as Y.XmlText;
    const undo = new Y.UndoManager(rootOf(grace));
    paragraph.delete(1, 5);
    undo.undo();
    makeListItem(ada);
    await exchange(ada, grace);
    expect(textOf(rootOf(grace))).toBe('alpha beta');
  });
});
