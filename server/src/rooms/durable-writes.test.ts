import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { LevelStore } from '../storage/level-store.js';
import { BUSY_AFTER_RELAY_MS, DurableWrites, type AckRecipient } from './durable-writes.js';
import { StoredDoc } from './stored-doc.js';
import { messageOf } from '../transport/shared-frame.js';

/** Real LevelDB (with the relay log) in a temporary folder: when a stored change is relayed. */
describe('DurableWrites relaying (SPEC: Guarantees, durability)', () => {
  let dir: string;
  let store: LevelStore;
  const open = async (commitIntervalMs: number): Promise<void> => {
    await store.close();
    store = await LevelStore.open(dir, undefined, commitIntervalMs, true);
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'quire-durable-writes-'));
    store = await LevelStore.open(dir, undefined, 0, true);
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const keystroke = (text: string, doc = new Y.Doc()): Uint8Array => {
    doc.getText('t').insert(0, text);
    return Y.encodeStateAsUpdate(doc);
  };

  const writesTo = (
    recipient: AckRecipient,
    now?: () => number,
    {
      docName = 'notes',
      onFailed = (err: unknown): void => {
        throw err;
      },
    } = {},
  ): DurableWrites =>
    new DurableWrites({
      now,
      docName,
      store,
      state: new StoredDoc([]),
      recipients: new Set([recipient]),
      logger: pino({ level: 'silent' }),
      syncBeforeRelay: false,
      onFailed,
      onRelayed: () => undefined,
    });

  /** The Yjs update a relayed frame (sync message, update) carries. */
  const updateOf = (frame: Uint8Array): Uint8Array => {
    const decoder = decoding.createDecoder(frame);
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    return decoding.readVarUint8Array(decoder);
  };

  /** The clocks an ack frame says are on disk. */
  const ackedClocks = (frame: Uint8Array): Map<number, number> => {
    const decoder = decoding.createDecoder(frame);
    decoding.readVarUint(decoder);
    return Y.decodeStateVector(decoding.readVarUint8Array(decoder));
  };

  it('a batch is relayed, as one frame, in the same turn as its write is done', async () => {
    await store.load('notes');
    const frames: Uint8Array[] = [];
    const watcher: AckRecipient = { wantsAck: false, send: (frame) => frames.push(messageOf(frame)) };
    const writes = writesTo(watcher);
    for (const text of ['a', 'b']) writes.persist({ update: keystroke(text), origin: 'author', ends: undefined });
    // Queued after the store's own end-of-turn write: it runs in the same turn, after it.
    const seenThen = await new Promise<number>((resolve) => setImmediate(() => resolve(frames.length)));
    expect(seenThen).toBe(1);
    await writes.whenSynced();
  });

  it('batches relayed in different turns before one sync get one ack covering them all', async () => {
    // A long commit interval: both batches are relayed while the next sync still waits.
    await open(300);
    await store.load('notes');
    const acks: Uint8Array[] = [];
    // Message type 100 is the saved acknowledgement; the rest are the relayed changes.
    const writes = writesTo({
      wantsAck: true,
      send: (frame) => messageOf(frame)[0] === 100 && acks.push(messageOf(frame)),
    });
    await store.sync();
    const author = new Y.Doc();
    writes.persist({ update: keystroke('a', author), origin: 'author', ends: undefined });
    await new Promise((resolve) => setImmediate(resolve));
    writes.persist({ update: keystroke('b', author), origin: 'author', ends: undefined });
    await writes.whenSynced();
    await new Promise((resolve) => setImmediate(resolve));
    expect(acks).toHaveLength(1);
    expect(ackedClocks(acks[0]!).get(author.clientID)).toBe(2);
  });

  it("an idle room's change is relayed once its frame is handled, before the loop's turn ends", async () => {
    await store.load('notes');
    const frames: Uint8Array[] = [];
    const writes = writesTo({ wantsAck: false, send: (frame) => frames.push(messageOf(frame)) });
    // Stands for the other sockets' frames of the same turn: the change does not wait for them.
    const seenByNextTask = new Promise<number>((resolve) => setImmediate(() => resolve(frames.length)));
    writes.persist({ update: keystroke('a'), origin: 'author', ends: undefined });
    expect(await seenByNextTask).toBe(1);
    await writes.whenSynced();
  });

  it("a busy room's changes that arrive in one turn of the loop go out as one frame", async () => {
    await store.load('notes');
    let now = 0;
    const frames: Uint8Array[] = [];
    const writes = writesTo({ wantsAck: false, send: (frame) => frames.push(messageOf(frame)) }, () => now);
    const author = new Y.Doc();
    // Frames of two sockets handled one after the other in the same turn of the loop.
    const twoFrames = (): Promise<void> =>
      new Promise((resolve) => {
        setImmediate(() => writes.persist({ update: keystroke('x', author), origin: 'one', ends: undefined }));
        setImmediate(() => {
          writes.persist({ update: keystroke('y', author), origin: 'two', ends: undefined });
          resolve();
        });
      });
    await twoFrames();
    await writes.whenDurable();
    // Idle: each went out on its own, as soon as it was handled.
    expect(frames).toHaveLength(2);
    now += BUSY_AFTER_RELAY_MS - 1;
    await twoFrames();
    await writes.whenDurable();
    await new Promise(setImmediate);
    expect(frames).toHaveLength(3);
    const receiver = new Y.Doc();
    for (const frame of frames) Y.applyUpdate(receiver, updateOf(frame));
    expect(receiver.getText('t').length).toBe(4);
    await writes.whenSynced();
  });

  it('an append the store refuses is never relayed, even while another write of the turn is pending', async () => {
    await store.load('notes');
    const notesFrames: Uint8Array[] = [];
    const notes = writesTo({ wantsAck: false, send: (frame) => notesFrames.push(messageOf(frame)) });
    const unloadedFrames: Uint8Array[] = [];
    const failures: unknown[] = [];
    // Not loaded: the store refuses its appends at once.
    const unloaded = writesTo({ wantsAck: false, send: (frame) => unloadedFrames.push(messageOf(frame)) }, undefined, {
      docName: 'unloaded',
      onFailed: (err) => failures.push(err),
    });
    notes.persist({ update: keystroke('a'), origin: 'author', ends: undefined });
    unloaded.persist({ update: keystroke('b'), origin: 'author', ends: undefined });
    await notes.whenDurable();
    await unloaded.whenDurable();
    await new Promise(setImmediate);
    expect(notesFrames).toHaveLength(1);
    expect(unloadedFrames).toHaveLength(0);
    expect(failures).toHaveLength(1);
    await notes.whenSynced();
  });
});
