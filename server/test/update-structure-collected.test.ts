/**
 * A person offline changes a block that someone else deletes meanwhile (issue #19, fuzz seeds 1
 * and 32 at 48 steps): the server has collected the deleted block (its item keeps only a length), so
 * Yjs drops the offline person's change to it when it arrives. The structure check must let such
 * an update through (refusing it closed that person's socket on every reconnect, and nobody saw
 * anything they wrote offline), while a change parented on a live value that is not a node is
 * still refused.
 */
import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { checkUpdateStructure } from '../src/protocol/update-structure.js';
import { writeParagraph } from './editor-paragraph.js';

const copyOf = (doc: Y.Doc): Y.Doc => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};
const change = (doc: Y.Doc, edit: (root: Y.XmlText) => void): Uint8Array => {
  const before = Y.encodeStateVector(doc);
  edit(doc.get('root', Y.XmlText));
  return Y.encodeStateAsUpdate(doc, before);
};
const firstBlock = (root: Y.XmlText): Y.XmlText => (root.toDelta() as { insert: Y.XmlText }[])[0]!.insert;

function documentWithTwoParagraphs(): Y.Doc {
  const doc = new Y.Doc();
  writeParagraph(doc, 0, 'alpha');
  writeParagraph(doc, 1, 'beta');
  return doc;
}

describe('an offline change to a block someone deleted and the server collected (issue #19)', () => {
  it('is accepted, and the server shows the other blocks unchanged', () => {
    const server = documentWithTwoParagraphs();
    const offline = copyOf(server);
    const toHeading = change(offline, (root) => {
      firstBlock(root).setAttribute('__type', 'heading');
      firstBlock(root).setAttribute('__tag', 'h1');
    });
    const deleted = change(copyOf(server), (root) => root.delete(0, 1));
    checkUpdateStructure(deleted, server);
    Y.applyUpdate(server, deleted);

    expect(() => checkUpdateStructure(toHeading, server)).not.toThrow();
    Y.applyUpdate(server, toHeading);
    expect(server.get('root', Y.XmlText).length).toBe(1);
    expect(firstBlock(server.get('root', Y.XmlText)).getAttribute('__type')).toBe('paragraph');
  });

  it('a change parented on a property value that is still there is refused', () => {
    const server = documentWithTwoParagraphs();
    const typeValue = firstBlock(server.get('root', Y.XmlText))._map.get('__type')!.id;
    const forged = new Y.Doc();
    forged.clientID = 999;
    const { structs } = Y.decodeUpdate(change(forged, (root) => root.setAttribute('__type', 'heading')));
    const item = structs[0] as Y.Item;
    item.parent = typeValue;
    const encoder = new Y.UpdateEncoderV1();
    encoding.writeVarUint(encoder.restEncoder, 1);
    encoding.writeVarUint(encoder.restEncoder, 1);
    encoder.writeClient(999);
    encoding.writeVarUint(encoder.restEncoder, 0);
    item.write(encoder, 0);
    encoding.writeVarUint(encoder.restEncoder, 0);
    expect(() => checkUpdateStructure(encoder.toUint8Array(), server)).toThrow(/not a node/);
  });
});
