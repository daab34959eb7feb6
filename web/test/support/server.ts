import { startServer, type QuireServer, type StartOptions } from '@quire/server';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_ROOT = fileURLToPath(new URL('../../dist', import.meta.url));

export interface TestServer {
  url: string;
  wsUrl: string;
  dataDir: string;
  /** Stops serving (the server is down) and keeps the data folder. */
  stop(): Promise<void>;
  /** Serves the same data folder again at the same address, after `stop`. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Browser tests need the built app; protocol-only tests pass false. */
  needsWebApp?: boolean;
  /** --auth-secret: tokens required (SPEC: Access). */
  authSecret?: string;
  /** --allowed-origins: other origins whose pages may connect. */
  allowedOrigins?: string[];
  /** Any other `startServer()` options (limits, heartbeats, --http-fallback). */
  extra?: StartOptions;
}

/** The real server on a random port over a fresh data folder (STYLE §7). */
export async function startTestServer({
  needsWebApp = true,
  authSecret,
  allowedOrigins = [],
  extra = {},
}: TestServerOptions = {}): Promise<TestServer> {
  if (needsWebApp && !existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`${WEB_ROOT} has no build: run \`npm run build\` (or \`npm test\`) first`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'quire-web-test-'));
  const options: StartOptions = {
    ...extra,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logLevel: 'silent',
    webRoot: WEB_ROOT,
    authSecret,
    allowedOrigins,
  };
  let server: QuireServer | null = await startServer(options);
  const { url } = server;
  const stop = async (): Promise<void> => {
    await server?.close();
    server = null;
  };
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    dataDir,
    stop,
    async restart() {
      if (server !== null) throw new Error('the server is still running: stop it first');
      server = await startServer({ ...options, port: Number(new URL(url).port) });
    },
    async close() {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
