/**
 * Finding the text node letters were typed into, through Yjs origins (issue 19;
 * shared/src/text-node-origin.ts), on plain Yjs documents shaped as the editor writes them.
 */
import { typedInto } from '@quire/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

/** A paragraph of text nodes, each a map (with `__format`) followed by its characters. */
function paragraph(doc: Y.Doc, nodes: Array<[string, number]>): Y.XmlText {
  const block = new Y.XmlText();
  doc.get('root', Y.XmlText).insertEmbed(0, block);
  let index = 0;
  for (const [text, format] of nodes) {
    const map = new Y.Map<unknown>();
    block.insertEmbed(index, map);
    for (const [key, value] of Object.entries({
      __type: 'text',
      __format: format,
      __style: '',
      __mode: 0,
      __detail: 0,
    })) {
      map.set(key, value);
    }
    block.insert(index + 1, text);
    index += 1 + text.length;
  }
  return block;
}

/** The live item holding the last characters of `block`. */
function lastLetters(block: Y.XmlText): Y.Item {
  let found: Y.Item | null = null;
  for (let item = block._start; item !== null; item = item.right) {
    if (!item.deleted && item.content instanceof Y.ContentString) found = item;
  }
  return found!;
}

const sync = (from: Y.Doc, to: Y.Doc): void => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

const formatOf = (props: unknown): unknown => (props as Record<string, unknown> | null)?.__format;

/** Ada's "italic bold" and Grace's letters typed at the end of "bold", not yet seen by Ada. */
function typedAtEnd(): { ada: Y.Doc; grace: Y.Doc; block: Y.XmlText; graceBlock: Y.XmlText } {
  const [ada, grace] = [new Y.Doc(), new Y.Doc()];
  const block = paragraph(ada, [
    ['italic ', 2],
    ['bold', 1],
  ]);
  sync(ada, grace);
  const graceBlock = grace.get('root', Y.XmlText).toDelta()[0].insert as Y.XmlText;
  graceBlock.insert(graceBlock.length, ' more');
  return { ada, grace, block, graceBlock };
}

/** `doc`'s reading of where the letters were typed, in the remote transaction that follows. */
function readOnNextRemote(doc: Y.Doc, block: Y.XmlText): { props?: unknown } {
  const read: { props?: unknown } = {};
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (!transaction.local) read.props = typedInto(lastLetters(block));
  });
  return read;
}

describe('the text node letters were typed into', () => {
  it('is the one before them, past a link written there since', () => {
    const doc = new Y.Doc();
    const block = paragraph(doc, [
      ['plain ', 0],
      ['bold', 1],
    ]);
    block.insert(block.length, ' more');
    const more = lastLetters(block);
    block.insertEmbed(block.length - 5, new Y.XmlText());
    expect(formatOf(typedInto(more))).toBe(1);
  });

  it('is read while the transaction that deleted it is still open', () => {
    const { ada, grace, block, graceBlock } = typedAtEnd();
    block.delete(8, 5);
    const read = readOnNextRemote(grace, graceBlock);
    sync(ada, grace);
    expect(formatOf(read.props)).toBe(1);
  });

  it('once Yjs has collected it, is unknown: never the node before it', () => {
    const { ada, grace, block } = typedAtEnd();
    block.delete(8, 5);
    const read = readOnNextRemote(ada, block);
    sync(grace, ada);
    expect(read.props).toBeNull();
  });
});
