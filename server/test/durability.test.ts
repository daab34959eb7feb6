import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '@quire/shared';
import { connectClient, docName, makeTempDir, waitFor, type TestClient } from './helpers.js';

/**
 * SPEC: Guarantees — "an update is on disk (LevelDB, synced) before the server relays it
 * to any other client. `kill -9` at any moment loses nothing that any other client has
 * seen", and "SIGTERM: stop accepting, flush, close sockets with 1001, exit 0".
 *
 * The server runs as a real child process (`quire serve` from server/dist). Client A
 * appends unique tokens (`a17;`) as fast as a fast typist's burst; client B only
 * watches. Because A only ever appends, everything B has seen is a prefix of A's text,
 * and what the restarted server holds must start with it.
 */
const BIN = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));
const LISTENING = /listening on http:\/\/(?:\[[^\]]+\]|[^\s:/]+):(\d+)/;

interface ChildServer {
  proc: ChildProcess;
  wsUrl: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: string[];
}

/** Starts `quire serve --port 0` on `dataDir` and resolves once it prints its listening line. */
async function spawnServer(dataDir: string): Promise<ChildServer> {
  const proc = spawn(
    process.execPath,
    // The writer types far faster than a person: lift the per-connection rate limit.
    [
      ...[BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--data', dataDir, '--log-level', 'info'],
      ...['--max-messages-per-second', '0'],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(proc);
  const output: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => {
      children.delete(proc);
      resolve({ code, signal });
    }),
  );
  proc.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 20_000);
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      output.push(line);
      const match = LISTENING.exec(parseMsg(line));
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening:\n${output.join('\n')}`));
    });
  });
  return { proc, wsUrl: `ws://127.0.0.1:${port}`, exited, output };
}

function parseMsg(line: string): string {
  try {
    const entry = JSON.parse(line) as { msg?: unknown };
    return typeof entry.msg === 'string' ? entry.msg : '';
  } catch {
    return '';
  }
}

/** A appends `a<i>;` at the end of its text, a few tokens per timer tick, until stopped. */
function streamTokens(client: TestClient, perTick = 3): { stop(): void; burst(count: number): void } {
  let next = 0;
  let isStopped = false;
  const append = (): void => {
    client.text.insert(client.text.length, `a${next++};`);
  };
  const tick = (): void => {
    if (isStopped) return;
    for (let i = 0; i < perTick; i++) append();
    setTimeout(tick, 1);
  };
  tick();
  return {
    stop: () => {
      isStopped = true;
    },
    burst: (count) => {
      for (let i = 0; i < count; i++) append();
    },
  };
}

function tokens(text: string): string[] {
  return text.split(';').filter((token) => token.length > 0);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const children = new Set<ChildProcess>();
const clients: TestClient[] = [];
const dirs: { remove(): Promise<void> }[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const child of children) child.kill('SIGKILL');
  await waitFor(() => children.size === 0, { what: 'child servers to exit' });
  await Promise.all(dirs.splice(0).map((dir) => dir.remove()));
});

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npx tsc -b shared server\` first`);
});

interface Session {
  server: ChildServer;
  dataDir: string;
  name: string;
  writer: TestClient;
  watcher: TestClient;
  stream: ReturnType<typeof streamTokens>;
}

/** A child server, a writer streaming tokens and a watcher that has already seen one. */
async function startStreaming(): Promise<Session> {
  const dir = await makeTempDir('quire-durability-');
  dirs.push(dir);
  const server = await spawnServer(dir.dir);
  const name = docName();
  const writer = connectClient(server.wsUrl, name);
  const watcher = connectClient(server.wsUrl, name);
  clients.push(writer, watcher);
  await Promise.all([writer.synced, watcher.synced]);
  const stream = streamTokens(writer);
  await waitFor(() => watcher.text.length > 0, { what: 'B to see the first token' });
  return { server, dataDir: dir.dir, name, writer, watcher, stream };
}

/** Restarts the server on the same folder and reads the document with a fresh client. */
async function readAfterRestart(session: Session): Promise<string> {
  const server = await spawnServer(session.dataDir);
  const reader = connectClient(server.wsUrl, session.name);
  clients.push(reader);
  await reader.synced;
  return reader.text.toString();
}

/** Stops both clients without letting them reconnect, and returns what B had seen. */
async function stopClients(session: Session): Promise<{ seen: string; typed: string }> {
  const { watcher, writer } = session;
  // Let B finish reading whatever the server had already written to its socket.
  await waitFor(() => !watcher.provider.wsconnected, { what: 'B to notice the server is gone' });
  const seen = watcher.text.toString();
  const typed = writer.text.toString();
  writer.destroy();
  watcher.destroy();
  return { seen, typed };
}

function expectKept(seen: string, restored: string, typed: string): void {
  const restoredTokens = new Set(tokens(restored));
  const missing = tokens(seen).filter((token) => !restoredTokens.has(token));
  expect(missing, `tokens B saw that were lost (B saw ${tokens(seen).length})`).toEqual([]);
  // Nothing reordered or invented: B's view ⊑ what is on disk ⊑ what A typed.
  expect(restored.startsWith(seen)).toBe(true);
  expect(typed.startsWith(restored)).toBe(true);
}

describe('kill -9 loses nothing another client has seen (SPEC: Guarantees, durability)', () => {
  const killMoments: [moment: string, afterMs: number][] = [
    ['as soon as B has seen its first token', 0],
    ['about 20 ms into streaming', 20],
    ['about 200 ms into streaming', 200],
    ['about 1 s into streaming', 1_000],
  ];

  it.each(killMoments)('kill -9 %s: every token B saw is there after restart', async (_moment, afterMs) => {
    const session = await startStreaming();
    // Choosing the kill moment, not asserting a duration.
    await sleep(afterMs);
    expect(session.writer.provider.wsconnected, 'A is still streaming').toBe(true);
    session.server.proc.kill('SIGKILL');
    expect((await session.server.exited).signal).toBe('SIGKILL');
    session.stream.stop();

    const { seen, typed } = await stopClients(session);
    const restored = await readAfterRestart(session);
    expectKept(seen, restored, typed);
  });

  it('kill -9 in the middle of a 500-edit burst: every token B saw is there after restart', async () => {
    const session = await startStreaming();
    session.stream.stop();
    const before = session.writer.text.length;
    session.stream.burst(500);
    // Kill as soon as B sees part of the burst, while the rest is still being committed.
    await waitFor(() => session.watcher.text.length > before, { what: 'B to see the burst begin' });
    session.server.proc.kill('SIGKILL');
    await session.server.exited;

    const { seen, typed } = await stopClients(session);
    expect(seen.length).toBeGreaterThan(before);
    const restored = await readAfterRestart(session);
    expectKept(seen, restored, typed);
  });
});

describe('SIGTERM shuts down cleanly (SPEC: Guarantees, SIGTERM)', () => {
  it('SIGTERM while A is typing: exit code 0, every editor sees close 1001, and everything relayed is kept', async () => {
    const session = await startStreaming();
    const closeCodes: (number | undefined)[] = [];
    const watcherCloseCodes: (number | undefined)[] = [];
    session.writer.provider.on('connection-close', (event) => closeCodes.push(event?.code));
    session.watcher.provider.on('connection-close', (event) => watcherCloseCodes.push(event?.code));
    await waitFor(() => tokens(session.watcher.text.toString()).length >= 20, { what: 'B to see 20 tokens' });

    session.server.proc.kill('SIGTERM');
    const exit = await session.server.exited;
    session.stream.stop();
    expect(exit, session.server.output.join('\n')).toEqual({ code: 0, signal: null });
    await waitFor(() => closeCodes.length > 0, { what: "A's socket to close" });
    expect(closeCodes[0]).toBe(CloseCode.Shutdown);
    await waitFor(() => watcherCloseCodes.length > 0, { what: "B's socket to close" });
    expect(watcherCloseCodes[0]).toBe(CloseCode.Shutdown);

    const { seen, typed } = await stopClients(session);
    const restored = await readAfterRestart(session);
    expectKept(seen, restored, typed);
  });
});
