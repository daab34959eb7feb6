import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { startServer, type QuireServer, type StartOptions } from '../src/index.js';

/** Shared scaffolding for scenario tests: real server, real LevelDB, real y-websocket client. */

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 10_000, what = 'condition' }: { timeoutMs?: number; what?: string } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** One parent folder per test process, removed when the process exits. */
let parentDir: string | undefined;
function testParentDir(): string {
  if (!parentDir) {
    const dir = mkdtempSync(join(tmpdir(), 'quire-tests-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    parentDir = dir;
  }
  return parentDir;
}

export async function makeTempDir(prefix = 'quire-test-'): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(testParentDir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface TestServer extends QuireServer {
  dataDir: string;
  wsUrl: string;
  restart(options?: StartOptions): Promise<TestServer>;
}

/**
 * Starts a server on a random port with a fresh data folder. `initialContent` is empty and
 * rate limits are off unless a test sets them: scenario tests edit in bulk, far faster
 * than people type.
 */
export async function startTestServer(options: StartOptions = {}, dataDir?: string): Promise<TestServer> {
  const dir = dataDir ?? (await makeTempDir()).dir;
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    logLevel: 'silent',
    initialContent: () => undefined,
    maxMessagesPerSecond: 0,
    maxBytesPerSecond: 0,
    ...options,
  });
  return {
    ...server,
    dataDir: dir,
    wsUrl: `ws://127.0.0.1:${server.port}`,
    restart: async (next?: StartOptions) => {
      await server.close();
      return startTestServer(next ?? options, dir);
    },
  };
}

export function docName(): string {
  return `doc-${randomUUID()}`;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  synced: Promise<void>;
  destroy(): void;
}

export function connectClient(
  wsUrl: string,
  name: string,
  options: { params?: Record<string, string>; doc?: Y.Doc } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, name, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: options.params ?? {},
    disableBc: true,
    maxBackoffTime: 200,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    provider,
    text: doc.getText('t'),
    synced,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Close codes the server sends `client`, as they come; after one, it stops reconnecting. */
export function closeCodesOf(client: TestClient): number[] {
  const codes: number[] = [];
  client.provider.on('connection-close', (event: { code: number } | null) => {
    if (event) codes.push(event.code);
    client.provider.shouldConnect = false;
  });
  return codes;
}

export interface RawSocket {
  ws: WebSocket;
  messages: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
}

/** A bare socket for sending hand-made frames and reading what comes back. */
export function rawSocket(wsUrl: string, name: string, options: WebSocket.ClientOptions = {}): RawSocket {
  const ws = new WebSocket(`${wsUrl}/${name}`, options);
  const messages: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  ws.on('error', () => undefined);
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return { ws, messages, opened, closed };
}
