import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
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

describe.skipIf(!HAS_POSTGRES)('quire migrate (SPEC: Cluster mode)', () => {
  it('copies documents and versions from a LevelDB folder, and a second run changes nothing', async () => {
    const source = await startTestServer();
    const texts = await writeDocs(source);
    const databaseUrl = await postgres.server.newDatabase();
    for (let run = 0; run < 2; run++) {
      const result = await migrate(['--from-data', source.dataDir, '--postgres', databaseUrl]);
      expect(result, result.output).toMatchObject({ code: 0 });
      expect(result.output).toContain('migrated 2 document(s), 1 version(s) and 1 file(s)');
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
