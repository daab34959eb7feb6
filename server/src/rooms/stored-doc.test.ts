import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { StoredDoc } from './stored-doc.js';

// Merging a log of a few thousand keystrokes takes seconds: a load must not merge at all.
vi.mock('yjs', async (importOriginal) => {
  const yjs = await importOriginal<typeof import('yjs')>();
  return {
    ...yjs,
    mergeUpdates: () => {
      throw new Error('a stored log was merged');
    },
  };
});

/** A stored log as a busy room leaves it: every keystroke and deletion of three writers, one entry each. */
function keystrokeLog(entries: number): { log: Uint8Array[]; expected: Y.Doc } {
  const writers = [1, 2, 3].map((clientID) => {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    return doc;
  });
  const log: Uint8Array[] = [];
  for (let i = 0; i < entries; i++) {
    const writer = writers[i % writers.length]!;
    const text = writer.getText('t');
    const keep = (update: Uint8Array): void => {
      log.push(update);
      for (const other of writers) if (other !== writer) Y.applyUpdate(other, update);
    };
    writer.once('update', keep);
    if (i % 7 === 6) text.delete((i * 13) % text.length, 1);
    else text.insert((i * 31) % (text.length + 1), String.fromCharCode(97 + (i % 26)));
  }
  return { log, expected: writers[0]! };
}

describe('loading a stored document', () => {
  it('applies a long log in one go without merging its entries first', () => {
    const { log, expected } = keystrokeLog(600);
    const loaded = new StoredDoc(log);
    expect(loaded.doc.getText('t').toString()).toBe(expected.getText('t').toString());
    expect(loaded.stateVector()).toEqual(Y.encodeStateVector(expected));
    expect(
      Y.equalDeleteSets(
        Y.createDeleteSetFromStructStore(loaded.doc.store),
        Y.createDeleteSetFromStructStore(expected.store),
      ),
    ).toBe(true);
  });

  it('keeps entries that wait for missing ones pending, as the log had them', () => {
    const { log, expected } = keystrokeLog(30);
    const loaded = new StoredDoc(log.filter((_, i) => i !== 4));
    expect(loaded.doc.store.pendingStructs).not.toBeNull();
    Y.applyUpdate(loaded.doc, log[4]!);
    expect(loaded.doc.getText('t').toString()).toBe(expected.getText('t').toString());
  });
});
