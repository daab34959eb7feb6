import type { Redis } from 'ioredis';
import type { FileInfo, StoredFile } from '../storage/doc-store.js';
import { docKeys } from './redis-keys.js';
import { execMulti, guarded } from './redis-commands.js';

/**
 * Uploaded files in cluster mode (SPEC: Files (images)): a hash of metadata and one key of
 * bytes per file, under the document's hash tag, so any instance serves a file another one
 * stored and a deletion removes them with the document's other keys.
 */
export async function putRedisFile(redis: Redis, docName: string, info: FileInfo, bytes: Uint8Array): Promise<void> {
  const keys = docKeys(docName);
  await execMulti(
    redis
      .multi()
      .set(keys.file(info.id), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
      .hset(keys.files, info.id, JSON.stringify(info)),
    `cannot store a file of "${docName}"`,
  );
}

export async function getRedisFile(redis: Redis, docName: string, id: string): Promise<StoredFile | undefined> {
  const keys = docKeys(docName);
  const [meta, bytes] = await execMulti(
    redis.multi().hget(keys.files, id).getBuffer(keys.file(id)),
    `cannot read a file of "${docName}"`,
  );
  if (typeof meta !== 'string' || !Buffer.isBuffer(bytes)) return undefined;
  return { info: JSON.parse(meta) as FileInfo, bytes: new Uint8Array(bytes) };
}

export async function listRedisFiles(redis: Redis, docName: string): Promise<FileInfo[]> {
  const values = await guarded(redis.hvals(docKeys(docName).files), `cannot list files of "${docName}"`);
  return values.map((value) => JSON.parse(value) as FileInfo).sort((a, b) => a.id.localeCompare(b.id));
}

export async function deleteRedisFiles(redis: Redis, docName: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const keys = docKeys(docName);
  await execMulti(
    redis
      .multi()
      .del(...ids.map(keys.file))
      .hdel(keys.files, ...ids),
    `cannot delete files of "${docName}"`,
  );
}

/** Every key holding a file of `docName`, for the document's deletion. */
export async function redisFileKeys(redis: Redis, docName: string): Promise<string[]> {
  const keys = docKeys(docName);
  const ids = await guarded(redis.hkeys(keys.files), `cannot read "${docName}"`);
  return [keys.files, ...ids.map(keys.file)];
}
