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
    const writer = await LoggedWriter.open({
      dir,
      apply: () => Promise.resolve(),
      due: () => [],
      observer: { ...NO_OBSERVER, onSync: () => void logSyncs++ },
      commitIntervalMs: 0,
    });
    // The first batch goes out at once; the next one gathers for the apply interval.
    await writer.write([{ type: 'put', key: 'first', value: Uint8Array.of(1) }]);
    await writer.sync();
    const before = logSyncs;
    const syncs: Promise<void>[] = [];
    for (let i = 0; i < 3; i++) {
      await writer.write([{ type: 'put', key: `k${i}`, value: Uint8Array.of(i) }]);
      syncs.push(writer.sync());
    }
    expect(new Set(syncs).size).toBe(1);
    await Promise.all(syncs);
    expect(logSyncs - before).toBe(1);
    await writer.close();
  });
});
