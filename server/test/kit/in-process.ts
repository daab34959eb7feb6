import type { QuireServer, StartOptions } from '@quire/server';
import { makeTempDir } from './temp.js';

/** A server started in this process on a random loopback port over its own data folder. */
export interface TestServer extends QuireServer {
  dataDir: string;
  wsUrl: string;
  /**
   * Closes this server (if still running) and starts another over the same data folder,
   * with `options` instead of the first ones when given; on a new random port unless
   * `options.port` says otherwise.
   */
  restart(options?: StartOptions): Promise<TestServer>;
}

export type StartTestServer = (options?: StartOptions, dataDir?: string) => Promise<TestServer>;

/**
 * Makes `startTestServer` from the `startServer` a workspace tests against: the server's
 * own tests pass its source, web tests the built package. `defaults` go under each test's
 * options. Closing is idempotent, so a test may close a server its cleanup closes again.
 */
export function testServerStarter(
  startServer: (options: StartOptions) => Promise<QuireServer>,
  defaults: StartOptions = {},
): StartTestServer {
  const startTestServer: StartTestServer = async (options = {}, dataDir) => {
    const dir = dataDir ?? (await makeTempDir()).dir;
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: dir,
      logLevel: 'silent',
      ...defaults,
      ...options,
    });
    let closing: Promise<void> | undefined;
    const close = (): Promise<void> => (closing ??= server.close());
    return {
      port: server.port,
      url: server.url,
      loadedDocs: () => server.loadedDocs(),
      close,
      dataDir: dir,
      wsUrl: server.url.replace(/^http/, 'ws'),
      restart: async (next) => {
        await close();
        return startTestServer(next ?? options, dir);
      },
    };
  };
  return startTestServer;
}
