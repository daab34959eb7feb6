import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_OBSERVER } from './doc-store.js';
import type { BatchOp } from './group-commit.js';
import { LoggedWriter } from './relay-log-writer.js';

/**
 * The relay log's writer on a real log file, with LevelDB's side (`apply`) held back by the
 * test: a "saved" acknowledgement must leave nothing of its changes to do.
 */
describe('LoggedWriter (SPEC: Guarantees, durability)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'quire-relay-writer-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a sync resolves only once LevelDB has the batches it covers, and syncs the log after them', async () => {
    const applied: BatchOp[][] = [];
    let openGate: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let logSyncs = 0;
    const writer = await LoggedWriter.open({
      dir,
      apply: async (ops) => {
        await gate;
        applied.push(ops);
      },
      due: () => [],
      observer: { ...NO_OBSERVER, onSync: () => void logSyncs++ },
      commitIntervalMs: 0,
    });
    await writer.write([{ type: 'put', key: 'k', value: Uint8Array.of(1) }]);
    let isSynced = false;
    const synced = writer.sync().then(() => (isSynced = true));
    for (let turn = 0; turn < 5; turn++) await new Promise(setImmediate);
    expect(isSynced).toBe(false);
    expect(logSyncs).toBe(0);

    openGate();
    await synced;
    expect(applied.flat().map((op) => op.key)).toEqual(['k']);
    expect(logSyncs).toBe(1);
    await writer.close();
  });

  it('syncs requested while one LevelDB batch gathers share one fsync of the log', async () => {
    let logSyncs = 0;
    let openGate: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const writer = await LoggedWriter.open({
      dir,
      apply: () => gate,
      due: () => [],
      observer: { ...NO_OBSERVER, onSync: () => void logSyncs++ },
      commitIntervalMs: 0,
    });
    // The first batch goes out at once and is held in LevelDB: the next one gathers meanwhile
    // (however long the turns below take on a loaded machine).
    await writer.write([{ type: 'put', key: 'first', value: Uint8Array.of(1) }]);
    const first = writer.sync();
    const syncs: Promise<void>[] = [];
    for (let i = 0; i < 3; i++) {
      await writer.write([{ type: 'put', key: `k${i}`, value: Uint8Array.of(i) }]);
      syncs.push(writer.sync());
    }
    expect(new Set(syncs).size).toBe(1);
    openGate();
    await first;
    const before = logSyncs;
    await Promise.all(syncs);
    expect(logSyncs - before).toBe(1);
    await writer.close();
  });

  it('tells a listener right after the write, before any promise callback, and sooner when asked', async () => {
    const writer = await LoggedWriter.open({
      dir,
      apply: () => Promise.resolve(),
      due: () => [],
      observer: NO_OBSERVER,
      commitIntervalMs: 0,
    });
    const events: string[] = [];
    setImmediate(() => events.push('immediate queued before'));
    const written = writer.write([{ type: 'put', key: 'k', value: Uint8Array.of(1) }]);
    void written.then(() => events.push('promise'));
    expect(writer.afterWrites(written, (isWritten) => events.push(`listener ${isWritten}`), true)).toBe(true);
    await written;
    await new Promise(setImmediate);
    // With `soon` the write does not wait for the end of the loop's turn (the immediates).
    expect(events).toEqual(['listener true', 'promise', 'immediate queued before']);
    // Done already, or refused at once: nothing to wait for.
    expect(writer.afterWrites(written, () => events.push('never'), false)).toBe(false);
    const refused = Promise.reject(new Error('refused'));
    refused.catch(() => undefined);
    writer.write([{ type: 'put', key: 'other', value: Uint8Array.of(2) }]).catch(() => undefined);
    expect(writer.afterWrites(refused, () => events.push('never'), false)).toBe(false);
    await writer.close();
  });

  it('tells a listener false when the write fails', async () => {
    const writer = await LoggedWriter.open({
      dir,
      apply: () => Promise.reject(new Error('disk gone')),
      due: () => [],
      observer: NO_OBSERVER,
      commitIntervalMs: 0,
    });
    // The first batch reaches the log; LevelDB's failure then breaks the store.
    await writer.write([{ type: 'put', key: 'a', value: Uint8Array.of(1) }]);
    await expect(writer.caughtUp()).rejects.toThrow();
    const told: boolean[] = [];
    const second = writer.write([{ type: 'put', key: 'b', value: Uint8Array.of(2) }]);
    writer.afterWrites(second, (isWritten) => told.push(isWritten), false);
    await expect(second).rejects.toThrow();
    expect(told).toEqual([false]);
    await writer.close();
  });
});
