import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { StorageError } from '../../src/errors.js';
import { Writer, textOf, version } from './stored-log.js';
import type { DocStore } from '../../src/storage/doc-store.js';
import { describeFiles } from './doc-store-files.contract.js';

/**
 * The DocStore contract (server/src/storage/doc-store.ts; SPEC: Guarantees), run unchanged
 * against every store. A new store plugs in with one call:
 * `docStoreContract('Postgres', async () => ({ store, breakStorage, close }))`, where
 * `store` is a fresh instance, `breakStorage` makes its storage unreachable, and `close`
 * lets go of it and of anything made for it (also after `breakStorage`). Stores may share their
 * backing storage between tests: every test uses its own document names.
 */
export interface StoreUnderTest {
  store: DocStore;
  /**
   * Another instance over the same storage, for stores that several server instances share
   * (Redis); absent for stores one process owns (LevelDB). Closed by `close`.
   */
  openPeer?(): Promise<DocStore>;
  /** Makes the backing storage fail from now on (closed database, dropped connection). */
  breakStorage(): Promise<void>;
  close(): Promise<void>;
}

/** What a store can do beyond the contract's core: `sharesStorage`, several instances on one storage (needs `openPeer`). */
export interface StoreTraits {
  sharesStorage: boolean;
  /**
   * Whether the store has a separate sync step (`DocStore.sync`: LevelDB), so acks wait for
   * it; stores whose writes are as durable as they get once resolved leave it out.
   */
  syncs?: boolean;
}

export function docStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>, traits: StoreTraits): void {
  describe(`DocStore contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: DocStore;
    let docName: string;
    beforeEach(async () => {
      subject = await makeStore();
      store = subject.store;
      docName = `doc-${randomUUID()}`;
    });
    afterEach(async () => {
      await subject.close();
    });

    /** Reads what is stored for `docName` afresh, as the next load after an unload would. */
    const reload = async (doc = docName): Promise<Uint8Array[]> => {
      store.release(doc);
      return store.load(doc);
    };

    describe('logs', () => {
      it('a new document loads empty, does not exist yet and has an empty log', async () => {
        expect(await store.load(docName)).toEqual([]);
        expect(store.logSize(docName)).toEqual({ count: 0, bytes: 0, baseBytes: 0 });
        store.release(docName);
        expect(await store.exists(docName)).toBe(false);
      });

      it('appended updates load again in the order they were appended, even when not awaited one by one', async () => {
        const writer = new Writer();
        await store.load(docName);
        const appends = Array.from({ length: 30 }, (_, i) => store.append(docName, writer.type(`${i},`)));
        await Promise.all(appends);
        const loaded = await reload();
        expect(loaded.map((update) => Array.from(update))).toEqual(writer.updates.map((update) => Array.from(update)));
        expect(textOf(loaded)).toBe(writer.doc.getText('t').toString());
      });

      it('has a sync step exactly when it says so; a sync resolves for callers together and keeps every append', async () => {
        expect(typeof store.sync === 'function').toBe(traits.syncs ?? false);
        const writer = new Writer();
        await store.load(docName);
        await Promise.all(Array.from({ length: 5 }, (_, i) => store.append(docName, writer.type(`${i},`))));
        await Promise.all([store.sync?.(), store.sync?.()]);
        expect(textOf(await reload())).toBe(writer.doc.getText('t').toString());
      });

      it('logSize counts the entries and bytes appended and loaded', async () => {
        const writer = new Writer();
        await store.load(docName);
        const first = writer.type('hello');
        const second = writer.type(' world');
        await store.append(docName, first);
        await store.append(docName, second);
        const total = first.byteLength + second.byteLength;
        expect(store.logSize(docName)).toEqual({ count: 2, bytes: total, baseBytes: first.byteLength });
        await reload();
        expect(store.logSize(docName)).toEqual({ count: 2, bytes: total, baseBytes: first.byteLength });
      });

      it('keeps the logs of different documents apart', async () => {
        const other = `doc-${randomUUID()}`;
        const [a, b] = [new Writer(), new Writer()];
        await Promise.all([store.load(docName), store.load(other)]);
        await Promise.all([store.append(docName, a.type('one')), store.append(other, b.type('two'))]);
        expect(textOf(await reload(docName))).toBe('one');
        expect(textOf(await reload(other))).toBe('two');
      });
    });

    describe('documents this instance has not loaded', () => {
      it('refuses append, compact and logSize, and stores nothing', async () => {
        const update = new Writer().type('lost?');
        await expect(store.append(docName, update)).rejects.toThrow(/not loaded/);
        await expect(store.compact(docName, update)).rejects.toThrow(/not loaded/);
        expect(() => store.logSize(docName)).toThrow(/not loaded/);
        expect(await store.load(docName)).toEqual([]);
      });

      it('refuses them again once the document is released', async () => {
        const writer = new Writer();
        await store.load(docName);
        await store.append(docName, writer.type('kept'));
        store.release(docName);
        store.release(docName);
        await expect(store.append(docName, writer.type(' dropped'))).rejects.toThrow(/not loaded/);
        expect(() => store.logSize(docName)).toThrow(/not loaded/);
        expect(textOf(await store.load(docName))).toBe('kept');
      });

      it('answers every other question about them', async () => {
        const writer = new Writer();
        await store.load(docName);
        await store.append(docName, writer.type('text'));
        store.release(docName);
        expect(await store.exists(docName)).toBe(true);
        expect((await store.list()).some((doc) => doc.name === docName)).toBe(true);
        expect(await store.listVersions(docName)).toEqual([]);
        expect(await store.getVersion(docName, 'nope')).toBeUndefined();
        expect(await store.deletedClocks(docName)).toBeUndefined();
      });
    });

    describe('compaction', () => {
      it('right after a load, leaves one entry that holds exactly what the log held', async () => {
        const writer = new Writer();
        await store.load(docName);
        for (const word of ['a', 'b', 'c', 'd']) await store.append(docName, writer.type(word));
        await reload();
        const state = writer.state();
        await store.compact(docName, state);
        expect(store.logSize(docName)).toEqual({ count: 1, bytes: state.byteLength, baseBytes: state.byteLength });
        const loaded = await reload();
        expect(loaded).toHaveLength(1);
        expect(textOf(loaded)).toBe('abcd');
        expect(Y.encodeStateVectorFromUpdate(loaded[0]!)).toEqual(Y.encodeStateVector(writer.doc));
      });

      it('loses no update appended while it runs', async () => {
        const writer = new Writer();
        await store.load(docName);
        for (const word of ['one ', 'two ']) await store.append(docName, writer.type(word));
        await reload();
        const compacting = store.compact(docName, writer.state());
        const appending = store.append(docName, writer.type('three'));
        await Promise.all([compacting, appending]);
        expect(textOf(await reload())).toBe('one two three');
        await store.compact(docName, writer.state());
        expect(textOf(await reload())).toBe('one two three');
      });

      it('whenever it runs, the document loads the same afterwards', async () => {
        const writer = new Writer();
        await store.load(docName);
        for (let round = 0; round < 3; round++) {
          await store.append(docName, writer.type(`${round}`));
          await store.compact(docName, writer.state());
          await store.append(docName, writer.type('-'));
        }
        expect(textOf(await reload())).toBe('0-1-2-');
        expect(store.logSize(docName).count).toBeGreaterThanOrEqual(1);
      });
    });

    describe('versions', () => {
      it('stores versions with their state, lists them by id and replaces one saved again', async () => {
        const writer = new Writer();
        writer.type('first');
        const early = writer.state();
        writer.type(' second');
        await store.putVersion(docName, version('v2', 'later', writer.state()), writer.state());
        await store.putVersion(docName, version('v1', 'early', early), early);
        expect((await store.listVersions(docName)).map((v) => [v.id, v.label])).toEqual([
          ['v1', 'early'],
          ['v2', 'later'],
        ]);
        const found = await store.getVersion(docName, 'v1');
        expect(found?.info.label).toBe('early');
        expect(textOf([found!.state])).toBe('first');
        await store.putVersion(docName, version('v1', 'renamed', early), early);
        expect((await store.listVersions(docName)).map((v) => v.label)).toEqual(['renamed', 'later']);
        expect(await store.listVersions(`doc-${randomUUID()}`)).toEqual([]);
      });
    });

    describeFiles(() => ({ store, docName, subject }), traits);

    describe('deletion', () => {
      it('removes the log, the versions and the list entry, and records the deleted clocks', async () => {
        const writer = new Writer();
        await store.load(docName);
        await store.append(docName, writer.type('gone'));
        await store.putVersion(docName, version('v1', 'kept?', writer.state()), writer.state());
        const clocks = Y.encodeStateVector(writer.doc);
        await store.deleteDoc(docName, clocks);
        expect(await store.exists(docName)).toBe(false);
        expect((await store.list()).some((doc) => doc.name === docName)).toBe(false);
        expect(await store.listVersions(docName)).toEqual([]);
        expect(await store.getVersion(docName, 'v1')).toBeUndefined();
        expect(Array.from((await store.deletedClocks(docName)) ?? [])).toEqual(Array.from(clocks));
        expect(() => store.logSize(docName)).toThrow(/not loaded/);
        expect(await store.load(docName)).toEqual([]);
      });

      it('a later deletion of the same name replaces the recorded clocks', async () => {
        await store.deleteDoc(docName, new Uint8Array([1, 1, 1]));
        await store.deleteDoc(docName, new Uint8Array([1, 1, 9]));
        expect(Array.from((await store.deletedClocks(docName)) ?? [])).toEqual([1, 1, 9]);
        expect(await store.deletedClocks(`doc-${randomUUID()}`)).toBeUndefined();
      });
    });

    describe('claimNew', () => {
      it('grants a new document to exactly one of the callers claiming it at once, and again after deletion', async () => {
        const claims = await Promise.all([1, 2, 3, 4].map(() => store.claimNew(docName)));
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect(await store.claimNew(docName)).toBe(false);
        await store.deleteDoc(docName, new Uint8Array([0]));
        expect(await store.claimNew(docName)).toBe(true);
      });
    });

    // A store on one instance's own disk has no peers: these tests are not registered for it.
    if (!traits.sharesStorage) return;
    describe('instances sharing the storage', () => {
      it('a document written on one instance loads complete on another, and only one of them seeds it', async () => {
        const peer = await subject.openPeer!();
        const fresh = `doc-${randomUUID()}`;
        const claims = await Promise.all([store, peer, store, peer].map((instance) => instance.claimNew(fresh)));
        expect(claims.filter(Boolean)).toHaveLength(1);
        const writer = new Writer();
        await store.load(docName);
        for (const word of ['shared ', 'text']) await store.append(docName, writer.type(word));
        expect(textOf(await peer.load(docName))).toBe('shared text');
        expect(await peer.exists(docName)).toBe(true);
      });
    });

    describe('storage failures', () => {
      it('reject with StorageError and never turn into an empty answer', async () => {
        const writer = new Writer();
        await store.load(docName);
        await store.append(docName, writer.type('safe'));
        await subject.breakStorage();
        const calls: [string, () => Promise<unknown>][] = [
          ['append', () => store.append(docName, writer.type(' lost'))],
          ['load', () => store.load(`doc-${randomUUID()}`)],
          ['list', () => store.list()],
          ['exists', () => store.exists(`doc-${randomUUID()}`)],
          ['deletedClocks', () => store.deletedClocks(docName)],
          ['listVersions', () => store.listVersions(docName)],
          ['getVersion', () => store.getVersion(docName, 'v1')],
          ['putVersion', () => store.putVersion(docName, version('v1', 'x', writer.state()), writer.state())],
          ['deleteDoc', () => store.deleteDoc(docName, new Uint8Array([0]))],
        ];
        for (const [method, call] of calls) {
          await expect(call(), method).rejects.toBeInstanceOf(StorageError);
        }
      });
    });

    describe('the document list', () => {
      it('shows each stored document with its size in bytes and last change', async () => {
        const before = Date.now();
        const writer = new Writer();
        await store.load(docName);
        const updates = [writer.type('size'), writer.type(' counts')];
        for (const update of updates) await store.append(docName, update);
        const listed = (await store.list()).find((doc) => doc.name === docName);
        expect(listed?.size).toBe(updates[0]!.byteLength + updates[1]!.byteLength);
        const changedAt = Date.parse(listed!.updatedAt);
        expect(changedAt).toBeGreaterThanOrEqual(before - 1000);
        expect(changedAt).toBeLessThanOrEqual(Date.now() + 1000);
      });

      it('shows the size after a compaction, and keeps it after the document is unloaded', async () => {
        const writer = new Writer();
        await store.load(docName);
        for (const word of ['x', 'y', 'z']) await store.append(docName, writer.type(word));
        await reload();
        const state = writer.state();
        await store.compact(docName, state);
        const sizeOf = async (): Promise<number | undefined> =>
          (await store.list()).find((doc) => doc.name === docName)?.size;
        expect(await sizeOf()).toBe(state.byteLength);
        store.release(docName);
        expect(await sizeOf()).toBe(state.byteLength);
      });

      it('counts a loaded document as existing before its first write', async () => {
        await store.load(docName);
        expect(await store.exists(docName)).toBe(true);
      });
    });
  });
}
