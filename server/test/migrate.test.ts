import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { CloseCode } from '@quire/shared';
import {
  closeCodesOf,
  docName,
  HAS_POSTGRES,
  HAS_REDIS,
  runCli,
  usePostgres,
  startTestServer,
  tinyPng,
  useClients,
  useRedis,
  useServers,
  waitFor,
  type TestServer,
} from './helpers.js';

/** `quire migrate` (SPEC: Cluster mode, issue #25): LevelDB or Redis-only cluster → Postgres, idempotent. */
const postgres = usePostgres();
const redisServers = useRedis();
const servers = useServers();
const clients = useClients();

/** Two documents, one with a named version, written through `server`, which is then closed. */
async function writeDocs(server: TestServer): Promise<Record<string, string>> {
  const texts: Record<string, string> = { [docName()]: 'first document', [docName()]: 'second document' };
  for (const [name, text] of Object.entries(texts)) {
    const [writer, watcher] = await clients.pair(server.wsUrl, name);
    writer.text.insert(0, text);
    await waitFor(() => watcher.text.toString() === text, { what: 'stored' });
    writer.destroy();
    watcher.destroy();
  }
  const first = Object.keys(texts)[0]!;
  const saved = await fetch(`${server.url}/api/docs/${first}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ label: 'Draft 1' }),
  });
  expect(saved.status).toBe(201);
  const uploaded = await fetch(`${server.url}/api/docs/${first}/files`, {
    method: 'POST',
    headers: { 'content-type': 'image/png' },
    body: tinyPng(),
  });
  expect(uploaded.status).toBe(201);
  await server.close();
  return texts;
}

async function migrate(args: string[]): Promise<{ code: number | null; output: string }> {
  const run = runCli(['migrate', ...args]);
  const { code } = await run.exited;
  return { code, output: run.output() };
}

/** Every document reads back from a server on Postgres alone, with its version. */
async function expectInPostgres(databaseUrl: string, texts: Record<string, string>): Promise<void> {
  const server = servers.track(await startTestServer({ postgresUrl: databaseUrl }));
  for (const [name, text] of Object.entries(texts)) {
    const reader = clients.connect(server.wsUrl, name);
    await reader.synced;
    expect(reader.text.toString()).toBe(text);
  }
  const first = Object.keys(texts)[0]!;
  const versions = (await (await fetch(`${server.url}/api/docs/${first}/versions`)).json()) as {
    versions: { label: string }[];
  };
  expect(versions.versions.map((version) => version.label)).toEqual(['Draft 1']);
  const file = await fetch(
    `${server.url}/api/docs/${first}/files/${createHash('sha256').update(tinyPng()).digest('hex')}`,
  );
  expect(file.status).toBe(200);
  expect(Buffer.from(await file.arrayBuffer()).equals(tinyPng())).toBe(true);
}

/** Types `text` into `name` on `server`, then deletes it over HTTP; returns the copy an editor kept. */
async function writeThenDelete(server: TestServer, name: string, text: string): Promise<Y.Doc> {
  const [away, watcher] = await clients.pair(server.wsUrl, name);
  away.text.insert(0, text);
  await waitFor(() => watcher.text.toString().startsWith(text), { what: 'stored' });
  away.provider.destroy();
  watcher.destroy();
  expect((await fetch(`${server.url}/api/docs/${name}`, { method: 'DELETE' })).status).toBe(204);
  return away.doc;
}

/** `name` is not listed on a server over Postgres, an old copy of it is refused, and it opens empty. */
async function expectStaysDeleted(databaseUrl: string, name: string, oldCopy: Y.Doc): Promise<void> {
  const server = servers.track(await startTestServer({ postgresUrl: databaseUrl }));
  const listed = (await (await fetch(`${server.url}/api/docs`)).json()) as { docs: { name: string }[] };
  expect(listed.docs.map((doc) => doc.name)).not.toContain(name);
  const back = clients.connect(server.wsUrl, name, { doc: oldCopy });
  const codes = closeCodesOf(back);
  await waitFor(() => codes.length > 0, { what: 'the old copy refused' });
  expect(codes).toEqual([CloseCode.DocumentDeleted]);
  const fresh = clients.connect(server.wsUrl, name);
  await fresh.synced;
  expect(fresh.text.toString()).toBe('');
}

describe.skipIf(!HAS_POSTGRES)('quire migrate (SPEC: Cluster mode)', () => {
  it('copies deletion records from a LevelDB folder: a document deleted since an earlier run leaves Postgres and stays deleted', async () => {
    const source = await startTestServer();
    const name = docName();
    const [writer, watcher] = await clients.pair(source.wsUrl, name);
    writer.text.insert(0, 'secret plans');
    await waitFor(() => watcher.text.toString() === 'secret plans', { what: 'stored' });
    writer.destroy();
    watcher.destroy();
    await source.close();
    const databaseUrl = await postgres.server.newDatabase();
    const firstRun = await migrate(['--from-data', source.dataDir, '--postgres', databaseUrl]);
    expect(firstRun, firstRun.output).toMatchObject({ code: 0 });
    const reopened = await startTestServer({}, source.dataDir);
    const oldCopy = await writeThenDelete(reopened, name, 'more secret plans;');
    await reopened.close();
    const secondRun = await migrate(['--from-data', source.dataDir, '--postgres', databaseUrl]);
    expect(secondRun, secondRun.output).toMatchObject({ code: 0 });
    expect(secondRun.output).toContain('and 1 deletion record(s)');
    await expectStaysDeleted(databaseUrl, name, oldCopy);
  });

  it.skipIf(!HAS_REDIS)('copies deletion records from a Redis-only cluster', async () => {
    const redis = await redisServers.start();
    const source = await startTestServer({ redisUrl: redis.url });
    const name = docName();
    const oldCopy = await writeThenDelete(source, name, 'secret plans');
    await source.close();
    const databaseUrl = await postgres.server.newDatabase();
    const result = await migrate(['--from-redis', redis.url, '--postgres', databaseUrl]);
    expect(result, result.output).toMatchObject({ code: 0 });
    expect(result.output).toContain('migrated 0 document(s), 0 version(s), 0 file(s) and 1 deletion record(s)');
    await expectStaysDeleted(databaseUrl, name, oldCopy);
  });

  it('copies documents and versions from a LevelDB folder, and a second run changes nothing', async () => {
    const source = await startTestServer();
    const texts = await writeDocs(source);
    const databaseUrl = await postgres.server.newDatabase();
    for (let run = 0; run < 2; run++) {
      const result = await migrate(['--from-data', source.dataDir, '--postgres', databaseUrl]);
      expect(result, result.output).toMatchObject({ code: 0 });
      expect(result.output).toContain('migrated 2 document(s), 1 version(s), 1 file(s) and 0 deletion record(s)');
    }
    await expectInPostgres(databaseUrl, texts);
  });

  it.skipIf(!HAS_REDIS)('copies documents and versions from a Redis-only cluster', async () => {
    const redis = await redisServers.start();
    const texts = await writeDocs(await startTestServer({ redisUrl: redis.url }));
    const databaseUrl = await postgres.server.newDatabase();
    const result = await migrate(['--from-redis', redis.url, '--postgres', databaseUrl]);
    expect(result, result.output).toMatchObject({ code: 0 });
    await expectInPostgres(databaseUrl, texts);
  });

  it('refuses to run without a source or a Postgres URL (exit 2)', async () => {
    expect((await migrate(['--postgres', 'postgres://localhost/quire'])).code).toBe(2);
    const noTarget = runCli(['migrate', '--from-data', '/nonexistent'], { env: {} });
    expect((await noTarget.exited).code).toBe(2);
    expect(noTarget.output()).toContain('--postgres (or DATABASE_URL) is required');
  });
});
