import type { Level } from 'level';
import type { VersionInfo } from '@quire/shared';
import { StorageError } from '../errors.js';
import type { BatchOp } from './group-commit.js';
import { prefixEnd, versionMetaKey, versionMetaPrefix, versionStateKey } from './keys.js';

/**
 * Named versions in LevelDB (SPEC: Versions): a JSON metadata row and the Yjs state, under
 * keys that sort by version id. Reads go straight to the database; writes are batch
 * operations the store commits.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export type VersionDb = Level<string, Uint8Array>;

export function putVersionOps(docName: string, version: VersionInfo, state: Uint8Array): BatchOp[] {
  return [
    { type: 'put', key: versionStateKey(docName, version.id), value: state },
    { type: 'put', key: versionMetaKey(docName, version.id), value: encoder.encode(JSON.stringify(version)) },
  ];
}

export function deleteVersionOps(docName: string, versions: VersionInfo[]): BatchOp[] {
  return versions.flatMap((version): BatchOp[] => [
    { type: 'del', key: versionMetaKey(docName, version.id) },
    { type: 'del', key: versionStateKey(docName, version.id) },
  ]);
}

export async function readVersions(db: VersionDb, docName: string): Promise<VersionInfo[]> {
  const prefix = versionMetaPrefix(docName);
  const versions: VersionInfo[] = [];
  try {
    for await (const value of db.values({ gte: prefix, lt: prefixEnd(prefix) })) {
      versions.push(JSON.parse(decoder.decode(value)) as VersionInfo);
    }
  } catch (err) {
    throw new StorageError(`cannot list versions of "${docName}"`, { cause: err });
  }
  return versions;
}

export async function readVersion(
  db: VersionDb,
  docName: string,
  versionId: string,
): Promise<{ info: VersionInfo; state: Uint8Array } | undefined> {
  try {
    const [meta, state] = await db.getMany([versionMetaKey(docName, versionId), versionStateKey(docName, versionId)]);
    if (meta === undefined || state === undefined) return undefined;
    return { info: JSON.parse(decoder.decode(meta)) as VersionInfo, state };
  } catch (err) {
    throw new StorageError(`cannot read version "${versionId}" of "${docName}"`, { cause: err });
  }
}
