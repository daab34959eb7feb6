import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocStore } from './doc-store.js';
import { metaKey, updateKey } from './keys.js';
import { LevelStore } from './level-store.js';
import { encodeRecord } from './relay-log-format.js';

/** Real LevelDB in a temporary folder, opened with the relay log. */
describe('LevelStore relay log (SPEC: Guarantees, durability)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'quire-relay-log-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const open = (): Promise<LevelStore> => LevelStore.open(dir, undefined, 0, true);
  const segments = async (): Promise<string[]> => (await readdir(dir)).filter((name) => name.endsWith('.wal'));
  const loadOnce = async (store: DocStore, name: string): Promise<number[][]> => {
    const updates = await store.load(name);
    store.release(name);
    return updates.map((update) => [...update]);
  };

  it('replays the complete records a crashed process left, and ignores a torn last one', async () => {
    const meta = new TextEncoder().encode(JSON.stringify({ bytes: 2, updatedAt: new Date().toISOString() }));
    const put = (seq: number): Buffer =>
      encodeRecord([{ type: 'put', key: updateKey('notes', seq), value: Uint8Array.of(seq, 7) }]);
    const torn = put(2).subarray(0, 11);
    const records = [encodeRecord([{ type: 'put', key: metaKey('notes'), value: meta }]), put(0), put(1), torn];
    await writeFile(join(dir, 'quire-relay-00000003.wal'), Buffer.concat(records));

    const store = await open();
    expect(await loadOnce(store, 'notes')).toEqual([
      [0, 7],
      [1, 7],
    ]);
    expect(await store.exists('notes')).toBe(true);
    // The replayed segment is gone; writes go to a new one after it.
    expect(await segments()).toEqual(['quire-relay-00000004.wal']);
    await store.close();
  });

  it('an update is readable at once, before LevelDB has it, and close leaves no log behind', async () => {
    const store = await open();
    await store.load('notes');
    await store.append('notes', Uint8Array.of(1));
    await store.append('notes', Uint8Array.of(2));
    store.release('notes');
    expect(await loadOnce(store, 'notes')).toEqual([[1], [2]]);
    await store.close();
    expect(await segments()).toEqual([]);

    const reopened = await open();
    expect(await loadOnce(reopened, 'notes')).toEqual([[1], [2]]);
    await reopened.close();
  });

  it('a store opened without the relay log still replays what one left behind', async () => {
    const put = encodeRecord([{ type: 'put', key: updateKey('notes', 0), value: Uint8Array.of(5) }]);
    await writeFile(join(dir, 'quire-relay-00000001.wal'), put);
    const store = await LevelStore.open(dir);
    expect(await loadOnce(store, 'notes')).toEqual([[5]]);
    expect(await segments()).toEqual([]);
    await store.close();
  });
});
