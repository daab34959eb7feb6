import { StorageError } from '../errors.js';
import type { FileInfo, StoredFile } from './doc-store.js';
import type { BatchOp } from './group-commit.js';
import { fileBytesKey, fileMetaKey, fileMetaPrefix, prefixEnd } from './keys.js';
import type { VersionDb } from './level-versions.js';

/**
 * Uploaded files in LevelDB (SPEC: Files (images)): a JSON metadata row and the bytes, under
 * the document's name, so a document's files are found with one range scan and go with it.
 * Reads go straight to the database; writes are batch operations the store commits.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function putFileOps(docName: string, info: FileInfo, bytes: Uint8Array): BatchOp[] {
  return [
    { type: 'put', key: fileBytesKey(docName, info.id), value: bytes },
    { type: 'put', key: fileMetaKey(docName, info.id), value: encoder.encode(JSON.stringify(info)) },
  ];
}

export function deleteFileOps(docName: string, ids: readonly string[]): BatchOp[] {
  return ids.flatMap((id): BatchOp[] => [
    { type: 'del', key: fileMetaKey(docName, id) },
    { type: 'del', key: fileBytesKey(docName, id) },
  ]);
}

export async function readFileInfos(db: VersionDb, docName: string): Promise<FileInfo[]> {
  const prefix = fileMetaPrefix(docName);
  const files: FileInfo[] = [];
  try {
    for await (const value of db.values({ gte: prefix, lt: prefixEnd(prefix) })) {
      files.push(JSON.parse(decoder.decode(value)) as FileInfo);
    }
  } catch (err) {
    throw new StorageError(`cannot list files of "${docName}"`, { cause: err });
  }
  return files;
}

export async function readFile(db: VersionDb, docName: string, id: string): Promise<StoredFile | undefined> {
  try {
    const [meta, bytes] = await db.getMany([fileMetaKey(docName, id), fileBytesKey(docName, id)]);
    if (meta === undefined || bytes === undefined) return undefined;
    return { info: JSON.parse(decoder.decode(meta)) as FileInfo, bytes };
  } catch (err) {
    throw new StorageError(`cannot read file "${id}" of "${docName}"`, { cause: err });
  }
}
