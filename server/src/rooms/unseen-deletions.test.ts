import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { senderDeletionsOnly } from './sender-deletions.js';
import { StoredDoc } from './stored-doc.js';
import { UnseenDeletions } from './unseen-deletions.js';

/** A doc holding a block (a Y.XmlText) with a nested Y.XmlText reading `text`. */
function docWithBlock(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const block = new Y.XmlText();
    doc.get('body', Y.XmlText).insertEmbed(0, block);
    block.insertEmbed(0, new Y.XmlText(text));
  });
  return doc;
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

const innerText = (doc: Y.Doc): Y.XmlText =>
  doc.get('body', Y.XmlText).toDelta()[0].insert.toDelta()[0].insert as Y.XmlText;

/** Applies what `sender` has that `server` lacks, as a room does with a sync step 2. */
function applyAsServer(server: Y.Doc, unseen: UnseenDeletions, sender: Y.Doc): void {
  const update = Y.encodeStateAsUpdate(sender, Y.encodeStateVector(server));
  const listed = Y.decodeUpdate(update).ds;
  server.once('afterTransaction', (transaction: Y.Transaction) => unseen.note(transaction, () => listed));
  Y.applyUpdate(server, update);
}

/** Whether `update` lists any item of `client` as deleted. */
const listsDeletionsOf = (update: Uint8Array, client: number): boolean => Y.decodeUpdate(update).ds.clients.has(client);

/**
 * The server holds a block the typist typed into; the deleter, offline since before, deleted
 * the block it had seen and comes back. Returns the server, its notes and the typist.
 */
function deletedUnseen(): { server: Y.Doc; unseen: UnseenDeletions; typist: Y.Doc } {
  const server = docWithBlock('x');
  const unseen = new UnseenDeletions();
  const deleter = copyOf(server);
  const typist = copyOf(server);
  innerText(typist).insert(1, ' unseen words');
  applyAsServer(server, unseen, typist);
  deleter.get('body', Y.XmlText).delete(0, 1);
  applyAsServer(server, unseen, deleter);
  return { server, unseen, typist };
}

describe('the deletions nobody listed (issue #19)', () => {
  it('are left out of the sync step 2 of someone who was away, and every replica still ends the same', () => {
    const { server, unseen, typist } = deletedUnseen();
    const full = Y.encodeStateAsUpdate(server, Y.encodeStateVector(typist));
    expect(listsDeletionsOf(full, typist.clientID)).toBe(true);
    const answer = unseen.narrow(full, server);
    // The block and what the deleter saw stay listed; the typist's words do not.
    expect(listsDeletionsOf(answer, server.clientID)).toBe(true);
    expect(Y.decodeUpdate(answer).ds.clients.get(typist.clientID) ?? []).toEqual([]);
    expect(Y.decodeUpdate(answer).structs).toEqual(Y.decodeUpdate(full).structs);
    Y.applyUpdate(typist, answer);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, unseen.narrow(Y.encodeStateAsUpdate(server), server));
    for (const replica of [typist, fresh]) {
      expect(
        Y.equalDeleteSets(
          Y.createDeleteSetFromStructStore(replica.store),
          Y.createDeleteSetFromStructStore(server.store),
        ),
      ).toBe(true);
      expect(replica.get('body', Y.XmlText).toString()).toBe('');
    }
  });

  it('include words that arrive into a block the server had already collected', () => {
    const server = docWithBlock('x');
    const unseen = new UnseenDeletions();
    const typist = copyOf(server);
    const deleter = copyOf(server);
    deleter.get('body', Y.XmlText).delete(0, 1);
    applyAsServer(server, unseen, deleter);
    innerText(typist).insert(1, ' late words');
    applyAsServer(server, unseen, typist);
    const full = Y.encodeStateAsUpdate(server, Y.encodeStateVector(typist));
    expect(listsDeletionsOf(full, typist.clientID)).toBe(true);
    expect(listsDeletionsOf(unseen.narrow(full, server), typist.clientID)).toBe(false);
  });

  it('stay left out when someone who took in the deletion comes back with edits (its step 2 lists them)', () => {
    const { server, unseen, typist } = deletedUnseen();
    const other = copyOf(server);
    other.get('body', Y.XmlText).insert(0, 'more');
    applyAsServer(server, unseen, other);
    const answer = unseen.narrow(Y.encodeStateAsUpdate(server, Y.encodeStateVector(typist)), server);
    expect(listsDeletionsOf(answer, typist.clientID)).toBe(false);
  });

  it('outlive a reload, from a stored log or a compacted state', () => {
    const server = docWithBlock('x');
    const typist = copyOf(server);
    const deleter = copyOf(server);
    innerText(typist).insert(1, ' unseen words');
    const log = [Y.encodeStateAsUpdate(server), Y.encodeStateAsUpdate(typist, Y.encodeStateVector(server))];
    Y.applyUpdate(server, log[1]!);
    deleter.get('body', Y.XmlText).delete(0, 1);
    const update = Y.encodeStateAsUpdate(deleter, Y.encodeStateVector(server));
    // What the room stores of the deleter's sync step 2 (rooms/doc-changes.ts).
    server.once('update', (stored: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      log.push(senderDeletionsOnly(stored, transaction, Y.decodeUpdate(update).ds)!.relayed);
    });
    Y.applyUpdate(server, update);
    const fromLog = new StoredDoc(log);
    const compacted = new StoredDoc([fromLog.compactedState()]);
    const typistState = Y.encodeStateVector(typist);
    for (const loaded of [fromLog, compacted]) {
      expect(listsDeletionsOf(loaded.stateAsUpdate(typistState), typist.clientID)).toBe(false);
      // Applied, the loaded document answers the same.
      void loaded.doc;
      expect(listsDeletionsOf(loaded.stateAsUpdate(typistState), typist.clientID)).toBe(false);
      expect(listsDeletionsOf(loaded.stateAsUpdate(typistState), server.clientID)).toBe(true);
    }
  });

  it('leave an update as it is when there are none', () => {
    const server = docWithBlock('abc');
    const unseen = new UnseenDeletions();
    const editor = copyOf(server);
    innerText(editor).delete(0, 2);
    applyAsServer(server, unseen, editor);
    const full = Y.encodeStateAsUpdate(server);
    expect(unseen.narrow(full, server)).toBe(full);
  });
});
