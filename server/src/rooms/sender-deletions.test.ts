import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { senderDeletionsOnly, type SenderDeletions } from './sender-deletions.js';

/** A doc holding a block (a Y.XmlText) with a nested Y.XmlText reading `text`. */
function docWithBlock(text: string): { doc: Y.Doc } {
  const doc = new Y.Doc();
  const body = doc.get('body', Y.XmlText);
  const inner = new Y.XmlText(text);
  doc.transact(() => {
    const block = new Y.XmlText();
    body.insertEmbed(0, block);
    block.insertEmbed(0, inner);
  });
  return { doc };
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Applies `update` to `doc`; returns what Yjs encoded and what the others would get. */
function applyAsServer(doc: Y.Doc, update: Uint8Array): { stored: Uint8Array; narrowed: SenderDeletions | undefined } {
  let result: { stored: Uint8Array; narrowed: SenderDeletions | undefined } | undefined;
  const sender = Y.decodeUpdate(update).ds;
  doc.once('update', (stored: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    result = { stored, narrowed: senderDeletionsOnly(stored, transaction, sender) };
  });
  Y.applyUpdate(doc, update);
  return result!;
}

const deleted = (doc: Y.Doc): ReturnType<typeof Y.createDeleteSetFromStructStore> =>
  Y.createDeleteSetFromStructStore(doc.store);

describe('the relayed version of a re-encoded update (issue #19)', () => {
  it('drops the words inside a deleted block that the sender never saw, and ends the same', () => {
    const { doc: server } = docWithBlock('x');
    const mover = copyOf(server);
    const typist = copyOf(server);
    (typist.get('body', Y.XmlText).toDelta()[0].insert.toDelta()[0].insert as Y.XmlText).insert(1, ' unseen');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(typist, Y.encodeStateVector(server)));
    mover.get('body', Y.XmlText).delete(0, 1);
    const receiver = copyOf(server);
    const { stored, narrowed } = applyAsServer(server, Y.encodeStateAsUpdate(mover, Y.encodeStateVector(server)));
    expect(Y.decodeUpdate(stored).ds.clients.has(typist.clientID)).toBe(true);
    expect(narrowed).toBeDefined();
    const { relayed, deletions } = narrowed!;
    expect(Y.decodeUpdate(relayed).ds.clients.has(typist.clientID)).toBe(false);
    expect(Y.decodeUpdate(relayed).structs).toEqual(Y.decodeUpdate(stored).structs);
    // What another instance is told to relay: the same deletions, nothing else.
    expect(Y.decodeUpdate(deletions).structs).toEqual([]);
    expect(Y.equalDeleteSets(Y.decodeUpdate(deletions).ds, Y.decodeUpdate(relayed).ds)).toBe(true);
    Y.applyUpdate(receiver, relayed);
    // The receiver deletes the block's children itself, as the server did.
    expect(Y.equalDeleteSets(deleted(receiver), deleted(server))).toBe(true);
  });

  it('is not made when the sender listed every deletion', () => {
    const { doc: server } = docWithBlock('abcdef');
    const editor = copyOf(server);
    const stateBefore = Y.encodeStateVector(server);
    (editor.get('body', Y.XmlText).toDelta()[0].insert.toDelta()[0].insert as Y.XmlText).delete(1, 3);
    const { narrowed } = applyAsServer(server, Y.encodeStateAsUpdate(editor, stateBefore));
    expect(narrowed).toBeUndefined();
  });
});
