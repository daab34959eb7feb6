import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { StorageError } from '../../src/errors.js';
import type { DocStore, FileInfo } from '../../src/storage/doc-store.js';
import type { StoreUnderTest } from './doc-store.contract.js';

/**
 * The files part of the DocStore contract (SPEC: Files (images)), run inside
 * `docStoreContract` for every store: files are stored by content under their document,
 * listed by id, deleted one by one or with the document, kept apart between documents, seen
 * by every instance sharing the storage, and failures reject with StorageError.
 */
export interface FilesContext {
  store: DocStore;
  docName: string;
  subject: StoreUnderTest;
}

export function fileBytes(text: string): { info: FileInfo; bytes: Uint8Array } {
  const bytes = new TextEncoder().encode(text);
  const id = createHash('sha256').update(bytes).digest('hex');
  return { info: { id, type: 'image/png', size: bytes.byteLength, storedAt: 1_000 }, bytes };
}

export function describeFiles(context: () => FilesContext, { sharesStorage }: { sharesStorage: boolean }): void {
  describe('files', () => {
    it('stores a file with its metadata, lists it by id, and the same id again replaces only the metadata', async () => {
      const { store, docName } = context();
      const [a, b] = [fileBytes('first'), fileBytes('second')].sort((x, y) => x.info.id.localeCompare(y.info.id));
      await store.putFile(docName, b!.info, b!.bytes);
      await store.putFile(docName, a!.info, a!.bytes);
      const found = await store.getFile(docName, a!.info.id);
      expect(found?.info).toEqual(a!.info);
      expect(Array.from(found?.bytes ?? [])).toEqual(Array.from(a!.bytes));
      expect(await store.listFiles(docName)).toEqual([a!.info, b!.info]);
      const again = { ...a!.info, storedAt: 2_000 };
      await store.putFile(docName, again, a!.bytes);
      expect((await store.listFiles(docName))[0]).toEqual(again);
    });

    it('answers undefined for an unknown file, and keeps the files of documents apart', async () => {
      const { store, docName } = context();
      const file = fileBytes('mine');
      await store.putFile(docName, file.info, file.bytes);
      const other = `${docName}-other`;
      expect(await store.getFile(other, file.info.id)).toBeUndefined();
      expect(await store.listFiles(other)).toEqual([]);
      expect(await store.getFile(docName, 'f'.repeat(64))).toBeUndefined();
    });

    it('deletes chosen files, ignoring unknown ids, and every file with its document', async () => {
      const { store, docName } = context();
      const [gone, kept] = [fileBytes('gone'), fileBytes('kept')];
      for (const file of [gone, kept]) await store.putFile(docName, file.info, file.bytes);
      await store.deleteFiles(docName, [gone.info.id, 'e'.repeat(64)]);
      expect(await store.getFile(docName, gone.info.id)).toBeUndefined();
      expect(await store.listFiles(docName)).toEqual([kept.info]);
      await store.deleteDoc(docName, new Uint8Array([0]));
      expect(await store.getFile(docName, kept.info.id)).toBeUndefined();
      expect(await store.listFiles(docName)).toEqual([]);
    });

    // Only stores that several instances share have this expectation.
    if (sharesStorage) {
      it('a file stored on one instance is served by another sharing the storage', async () => {
        const { store, docName, subject } = context();
        const peer = await subject.openPeer!();
        const file = fileBytes(`shared ${randomUUID()}`);
        await store.putFile(docName, file.info, file.bytes);
        expect(Array.from((await peer.getFile(docName, file.info.id))?.bytes ?? [])).toEqual(Array.from(file.bytes));
      });
    }

    it('failures reject with StorageError', async () => {
      const { store, docName, subject } = context();
      await subject.breakStorage();
      const file = fileBytes('lost');
      await expect(store.putFile(docName, file.info, file.bytes)).rejects.toBeInstanceOf(StorageError);
      await expect(store.getFile(docName, file.info.id)).rejects.toBeInstanceOf(StorageError);
      await expect(store.listFiles(docName)).rejects.toBeInstanceOf(StorageError);
    });
  });
}
