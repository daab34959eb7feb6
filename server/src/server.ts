import { CloseCode, PING_INTERVAL_MS } from '@quire/shared';
import { formatHost, listen } from './http/listener.js';
import { createLogger } from './observability/logger.js';
import { systemClock } from './util/clock.js';
import { openCore, type Core } from './core.js';
import { attachNetwork, type Network } from './network.js';
import { checkedOptions, type StartOptions } from './start-options.js';

export type { StartOptions } from './start-options.js';

/**
 * Builds and starts every part of a Quire server, and stops them in order (STYLE §1):
 * stop accepting, close sockets with 1001, write every loaded document back, close the
 * store. Options beyond the SPEC's flags exist for tests and embedders (start-options.ts).
 */
export interface QuireServer {
  port: number;
  /** Base URL, `http://` or `https://`. */
  url: string;
  /** Documents currently loaded in memory. */
  loadedDocs(): number;
  close(): Promise<void>;
}

/**
 * Starts a server. Its options are checked like the CLI's flags, before anything starts:
 * an invalid one throws an Error listing every problem.
 */
export async function startServer(startOptions: StartOptions = {}): Promise<QuireServer> {
  const options = checkedOptions(startOptions);
  const logger = startOptions.logger ?? createLogger(options.logLevel);
  const clock = startOptions.clock ?? systemClock;
  const core = await openCore(options, startOptions, logger, clock);
  let isClosing = false;
  const network = attachNetwork(options, startOptions, core, () => isClosing);
  const pingTimer = clock.setInterval(() => {
    for (const conn of core.connections) conn.heartbeat();
  }, startOptions.pingIntervalMs ?? PING_INTERVAL_MS);

  const port = await listen(network.httpServer, options.port, options.host);
  const scheme = options.tlsCert === undefined ? 'http' : 'https';
  const url = `${scheme}://${formatHost(options.host)}:${port}`;
  logger.info({ port, dataDir: options.dataDir }, `listening on ${url}`);

  return {
    port,
    url,
    loadedDocs: () => core.registry.loadedCount,
    close: async () => {
      if (isClosing) return;
      isClosing = true;
      clock.clear(pingTimer);
      await stop(core, network);
      logger.info('stopped');
    },
  };
}

/** Stops accepting, closes every socket with 1001 after writing documents back, closes the store. */
async function stop(core: Core, { httpServer, wss }: Network): Promise<void> {
  const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
  httpServer.closeIdleConnections();
  core.storage.beginClose?.();
  await core.fileCollector.stop();
  await core.registry.closeAll(CloseCode.Shutdown, 'server shutting down');
  await core.webhooks.close();
  await core.content.close();
  await core.storage.close();
  wss.close();
  httpServer.closeAllConnections();
  await stopped;
}
