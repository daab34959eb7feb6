import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '@quire/shared';
import {
  docName,
  killProcesses,
  makeTempDir,
  startServerProcess,
  useClients,
  waitFor,
  type ServerProcess,
  type TestClient,
} from './helpers.js';

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
/** `quire serve` on `dataDir`, once it listens. */
function spawnServer(dataDir: string): Promise<ServerProcess> {
  // The writer types far faster than a person: lift the per-connection rate limit.
  return startServerProcess({ dataDir, args: ['--log-level', 'info', '--max-messages-per-second', '0'] });
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

const dirs: { remove(): Promise<void> }[] = [];

afterEach(async () => {
  await killProcesses();
  await Promise.all(dirs.splice(0).map((dir) => dir.remove()));
});
const clients = useClients();

interface Session {
  server: ServerProcess;
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
  const writer = clients.connect(server.wsUrl, name);
  const watcher = clients.connect(server.wsUrl, name);
  await Promise.all([writer.synced, watcher.synced]);
  const stream = streamTokens(writer);
  await waitFor(() => watcher.text.length > 0, { what: 'B to see the first token' });
  return { server, dataDir: dir.dir, name, writer, watcher, stream };
}

/** Restarts the server on the same folder and reads the document with a fresh client. */
async function readAfterRestart(session: Session): Promise<string> {
  const server = await spawnServer(session.dataDir);
  const reader = clients.connect(server.wsUrl, session.name);
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
    // Picks the kill moment (the point of the test: kill -9 at different depths into the
    // stream), not a wait for something to happen; nothing is asserted about the duration.
    await new Promise((resolve) => setTimeout(resolve, afterMs));
    expect(session.writer.provider.wsconnected, 'A is still streaming').toBe(true);
    session.server.child.kill('SIGKILL');
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
    session.server.child.kill('SIGKILL');
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

    session.server.child.kill('SIGTERM');
    const exit = await session.server.exited;
    session.stream.stop();
    expect(exit, session.server.output()).toEqual({ code: 0, signal: null });
    await waitFor(() => closeCodes.length > 0, { what: "A's socket to close" });
    expect(closeCodes[0]).toBe(CloseCode.Shutdown);
    await waitFor(() => watcherCloseCodes.length > 0, { what: "B's socket to close" });
    expect(watcherCloseCodes[0]).toBe(CloseCode.Shutdown);

    const { seen, typed } = await stopClients(session);
    const restored = await readAfterRestart(session);
    expectKept(seen, restored, typed);
  });
});
