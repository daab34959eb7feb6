import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { RedisStore } from '../cluster/redis-store.js';
import { NO_OBSERVER, type DocStore } from '../storage/doc-store.js';
import { LevelStore } from '../storage/level-store.js';
import { putFileRow } from '../storage/postgres/pg-files.js';
import { putVersionRow } from '../storage/postgres/pg-records.js';
import { importIntoState } from '../storage/postgres/pg-state.js';
import { openMigratedPool } from '../storage/postgres/schema.js';
import { copyDeletions, type DeletionSource } from './migrate-deletions.js';

/**
 * `quire migrate` (SPEC: Cluster mode, issue #25): copies every document, its named
 * versions and its files, and the deletion records (migrate-deletions.ts), from a LevelDB
 * folder or a Redis-only cluster into Postgres. Each document is
 * merged into what Postgres holds (pg-state.ts), and versions are stored by id, so running
 * it again changes nothing and a run that stopped halfway can simply be repeated.
 */
export type MigrateSource = { dataDir: string } | { redisUrl: string };

export interface MigrateReport {
  docs: number;
  versions: number;
  files: number;
  deletions: number;
}

export async function migrateDocs(
  source: MigrateSource,
  postgresUrl: string,
  onDoc: (docName: string) => void = () => undefined,
): Promise<MigrateReport> {
  const from = await openSource(source);
  let pool: pg.Pool | undefined;
  try {
    pool = await openMigratedPool(postgresUrl, () => undefined);
    const report: MigrateReport = { docs: 0, versions: 0, files: 0, deletions: 0 };
    const docs = await from.store.list();
    for (const doc of docs) {
      report.versions += await copyDoc(from.store, pool, doc.name, new Date(doc.updatedAt));
      report.files += await copyFiles(from.store, pool, doc.name);
      report.docs += 1;
      onDoc(doc.name);
    }
    report.deletions = await copyDeletions(from.store, pool, new Set(docs.map((doc) => doc.name)));
    return report;
  } finally {
    await from.close();
    await pool?.end();
  }
}

/** Copies one document and its versions; returns how many versions it had. */
async function copyDoc(store: DocStore, pool: pg.Pool, docName: string, changedAt: Date): Promise<number> {
  const updates = await store.load(docName);
  store.release(docName);
  await importIntoState(pool, docName, updates, changedAt);
  const versions = await store.listVersions(docName);
  for (const info of versions) {
    const version = await store.getVersion(docName, info.id);
    if (version) await putVersionRow(pool, docName, version.info, version.state);
  }
  return versions.length;
}

/** Copies the document's uploaded files (stored by id, so again changes nothing); returns how many. */
async function copyFiles(store: DocStore, pool: pg.Pool, docName: string): Promise<number> {
  const files = await store.listFiles(docName);
  for (const info of files) {
    const file = await store.getFile(docName, info.id);
    if (file) await putFileRow(pool, docName, file.info, file.bytes);
  }
  return files.length;
}

async function openSource(
  source: MigrateSource,
): Promise<{ store: DocStore & DeletionSource; close(): Promise<void> }> {
  if ('dataDir' in source) {
    const store = await LevelStore.open(source.dataDir);
    return { store, close: () => store.close() };
  }
  const redis = new Redis(source.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  return {
    store: new RedisStore(redis, randomUUID(), NO_OBSERVER),
    close: async () => {
      redis.disconnect();
    },
  };
}
