import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LevelStore } from './level-store.js';

/** Real LevelDB in a temporary folder: what the document list reports about sizes. */
describe('LevelStore document metadata', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'quire-level-store-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const sizeOf = async (store: LevelStore, name: string): Promise<number | undefined> =>
    (await store.list()).find((doc) => doc.name === name)?.size;

  /** Opens the folder again, as a restarted server would, and reads what it says of `name`. */
  const afterRestart = async (name: string): Promise<{ exists: boolean; size: number | undefined }> => {
    const reopened = await LevelStore.open(dir);
    try {
      return { exists: await reopened.exists(name), size: await sizeOf(reopened, name) };
    } finally {
      await reopened.close();
    }
  };

  /** A new document with updates of these sizes, written one after another. */
  const written = async (store: LevelStore, name: string, sizes: number[]): Promise<void> => {
    await store.load(name);
    for (const size of sizes) await store.append(name, new Uint8Array(size));
  };

  it('lists the live size of a document edited faster than its row is rewritten', async () => {
    const store = await LevelStore.open(dir);
    await written(store, 'notes', [10, 20, 30]);
    expect(await sizeOf(store, 'notes')).toBe(60);
    const [listed] = await store.list();
    expect(Date.now() - Date.parse(listed!.updatedAt)).toBeLessThan(60_000);
    await store.close();
  });

  it('a new document exists on disk after its first write, and close saves its latest size', async () => {
    const store = await LevelStore.open(dir);
    await written(store, 'notes', [10, 15]);
    await store.close();
    expect(await afterRestart('notes')).toEqual({ exists: true, size: 25 });
  });

  it('an unloaded document has its latest size saved', async () => {
    const store = await LevelStore.open(dir);
    await written(store, 'notes', [10, 5]);
    store.release('notes');
    await store.close();
    expect(await afterRestart('notes')).toEqual({ exists: true, size: 15 });
  });

  it('a deleted document leaves no row behind, even with a size not yet saved', async () => {
    const store = await LevelStore.open(dir);
    await written(store, 'notes', [10, 10]);
    await store.deleteDoc('notes', new Uint8Array([1, 7, 20]));
    expect(await store.list()).toEqual([]);
    expect(Array.from((await store.deletedClocks('notes')) ?? [])).toEqual([1, 7, 20]);
    await store.close();
    expect(await afterRestart('notes')).toEqual({ exists: false, size: undefined });
  });
});

/** One process owns the folder, so a seed claim lives in memory until the claimant lets go. */
describe('LevelStore seed claims', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'quire-level-claims-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a document released before its seed was stored is claimed again by the next load', async () => {
    const store = await LevelStore.open(dir);
    await store.load('fresh');
    expect(await store.claimNew('fresh')).toBe(true);
    expect(await store.claimNew('fresh')).toBe(false);
    store.release('fresh');
    expect(await store.load('fresh')).toEqual([]);
    expect(await store.claimNew('fresh')).toBe(true);
    await store.close();
  });
});
