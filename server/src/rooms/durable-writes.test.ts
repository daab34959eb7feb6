import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LevelStore } from '../storage/level-store.js';
import { DurableWrites, type AckRecipient } from './durable-writes.js';
import { StoredDoc } from './stored-doc.js';

/** Real LevelDB (with the relay log) in a temporary folder: when a stored change is relayed. */
describe('DurableWrites relaying (SPEC: Guarantees, durability)', () => {
  let dir: string;
  let store: LevelStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'quire-durable-writes-'));
    store = await LevelStore.open(dir, undefined, 0, true);
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const keystroke = (text: string): Uint8Array => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, text);
    return Y.encodeStateAsUpdate(doc);
  };

  it('a batch is relayed, as one frame, in the same turn as its write is done', async () => {
    await store.load('notes');
    const frames: Uint8Array[] = [];
    const watcher: AckRecipient = { wantsAck: false, send: (frame) => frames.push(frame) };
    const writes = new DurableWrites({
      docName: 'notes',
      store,
      state: new StoredDoc([]),
      recipients: new Set([watcher]),
      logger: pino({ level: 'silent' }),
      syncBeforeRelay: false,
      onFailed: (err) => {
        throw err;
      },
      onRelayed: () => undefined,
    });
    for (const text of ['a', 'b']) writes.persist({ update: keystroke(text), origin: 'author', ends: undefined });
    // Queued after the store's own end-of-turn write: it runs in the same turn, after it.
    const seenThen = await new Promise<number>((resolve) => setImmediate(() => resolve(frames.length)));
    expect(seenThen).toBe(1);
    await writes.whenSynced();
  });
});
