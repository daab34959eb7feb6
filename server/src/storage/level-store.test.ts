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

  it('lists the live size of a document edited faster than its row is rewritten', async () => {
    const store = await LevelStore.open(dir);
    await store.load('notes');
    await store.append('notes', new Uint8Array(10));
    await store.append('notes', new Uint8Array(20));
    await store.append('notes', new Uint8Array(30));
    expect(await sizeOf(store, 'notes')).toBe(60);
    const [listed] = await store.list();
    expect(Date.now() - Date.parse(listed!.updatedAt)).toBeLessThan(60_000);
    await store.close();
  });

  it('a new document exists on disk after its first write, and close saves its latest size', async () => {
    const first = await LevelStore.open(dir);
    await first.load('notes');
    await first.append('notes', new Uint8Array(10));
    await first.append('notes', new Uint8Array(15));
    await first.close();

    const reopened = await LevelStore.open(dir);
    expect(await reopened.exists('notes')).toBe(true);
    expect(await sizeOf(reopened, 'notes')).toBe(25);
    await reopened.close();
  });

  it('an unloaded document has its latest size saved', async () => {
    const store = await LevelStore.open(dir);
    await store.load('notes');
    await store.append('notes', new Uint8Array(10));
    await store.append('notes', new Uint8Array(5));
    store.release('notes');
    await store.close();

    const reopened = await LevelStore.open(dir);
    expect(await sizeOf(reopened, 'notes')).toBe(15);
    await reopened.close();
  });

  it('a deleted document leaves no row behind, even with a size not yet saved', async () => {
    const store = await LevelStore.open(dir);
    await store.load('notes');
    await store.append('notes', new Uint8Array(10));
    await store.append('notes', new Uint8Array(10));
    await store.deleteDoc('notes');
    expect(await store.list()).toEqual([]);
    await store.close();

    const reopened = await LevelStore.open(dir);
    expect(await reopened.exists('notes')).toBe(false);
    await reopened.close();
  });
});
