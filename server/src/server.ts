import type { Server as HttpServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import type * as Y from 'yjs';
import {
  CloseCode,
  checkServerOptions,
  HANDSHAKE_TIMEOUT_MS,
  HTTP_HEARTBEAT_MS,
  MAX_BUFFERED_BYTES,
  PING_INTERVAL_MS,
  type ServerOptions,
} from '@quire/shared';
import { AccessPolicy } from './auth/access.js';
import { secretKey } from './auth/tokens.js';
import { authCallbackFor } from './auth/auth-callback.js';
import { createApp } from './http/app.js';
import { createListener, formatHost, listen } from './http/listener.js';
import { attachUpgradeHandler } from './http/upgrade-handler.js';
import { AddressLimiter } from './http/address-limiter.js';
import { hostRuleFor } from './http/hosts.js';
import { trustProxyProblems, trustRuleOf } from './http/client-address.js';
import type { SessionDeps } from './rooms/session.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { storeObserver } from './store-observer.js';
import { RoomRegistry } from './rooms/registry.js';
import type { Connection } from './rooms/connection.js';
import type { DocStore } from './storage/doc-store.js';
import { openStorage, storageHealth, type Storage } from './open-storage.js';
import { DocService } from './documents/doc-service.js';
import { FileService } from './documents/file-service.js';
import { FileCollector } from './documents/file-collector.js';
import { ContentWorkers } from './content/content-workers.js';
import { systemClock, type Clock } from './util/clock.js';
import { startWebhooks, type Webhooks } from './webhook-setup.js';

/**
 * Builds and starts every part of a Quire server, and stops them in order (STYLE §1):
 * stop accepting, close sockets with 1001, write every loaded document back, close the
 * store. Options beyond the SPEC's flags exist for tests and embedders.
 */
export interface StartOptions extends Partial<ServerOptions> {
  logger?: Logger;
  /** Overrides --unload-grace-seconds with a finer unit. */
  unloadGraceMs?: number;
  pingIntervalMs?: number;
  /** Heartbeat of the HTTP fallback transport. */
  httpHeartbeatMs?: number;
  /** Overrides --auto-version-minutes with a finer unit. */
  autoVersionMs?: number;
  maxBufferedBytes?: number;
  /** Folder of the built web app. */
  webRoot?: string;
  initialContent?: (doc: Y.Doc) => void;
  /** Overrides --content-timeout-seconds with a finer unit. */
  contentTimeoutMs?: number;
  /** Time to send the request headers; the README promises HANDSHAKE_TIMEOUT_MS. */
  handshakeTimeoutMs?: number;
  /**
   * Time for every timer of the server: heartbeats, unload grace periods, token expiry,
   * rate limits, automatic versions. Tests pass a clock they move by hand.
   */
  clock?: Clock;
  /** Wraps the LevelDB store, e.g. to observe or delay storage in tests. */
  wrapStore?: (store: DocStore) => DocStore;
}

export interface QuireServer {
  port: number;
  /** Base URL, `http://` or `https://`. */
  url: string;
  /** Documents currently loaded in memory. */
  loadedDocs(): number;
  close(): Promise<void>;
}

const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

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

/** The parts that hold documents: storage, loaded rooms, conversions, the HTTP API's service. */
interface Core {
  logger: Logger;
  clock: Clock;
  connections: Set<Connection>;
  metrics: Metrics;
  storage: Storage;
  store: DocStore;
  registry: RoomRegistry;
  content: ContentWorkers;
  docService: DocService;
  webhooks: Webhooks;
  files: FileService;
  fileCollector: FileCollector;
}

async function openCore(
  options: ServerOptions,
  startOptions: StartOptions,
  logger: Logger,
  clock: Clock,
): Promise<Core> {
  const connections = new Set<Connection>();
  // Metrics read the registry and storage, which are made after them.
  const parts: { registry?: RoomRegistry; storage?: Storage } = {};
  const metrics = createMetrics({
    connections: () => connections.size,
    documentsLoaded: () => parts.registry?.loadedCount ?? 0,
    storageUp: () => parts.storage?.isUp() ?? true,
  });
  const unloadGraceMs = startOptions.unloadGraceMs ?? options.unloadGraceSeconds * 1000;
  const storage = await openStorage(options, logger, storeObserver(metrics, logger), unloadGraceMs);
  const store = startOptions.wrapStore ? startOptions.wrapStore(storage.store) : storage.store;
  const webhooks = await startWebhooks({ options, storage, clock, logger, registry: metrics.registry });
  const registry = new RoomRegistry({
    store,
    fanout: storage.fanout,
    logger,
    clock,
    unloadGraceMs,
    syncBeforeRelay: options.syncBeforeRelay,
    initialContent: initialContentOf(startOptions),
    // Called only once documents change, long after docService below exists.
    onDurableChange: (room, origins) => {
      docService.onDurableChange(room);
      webhooks.onDurableChange(room, origins);
    },
    onCreated: (docName) => webhooks.events.created(docName),
    onLoaded: (room) => webhooks.onLoaded(room),
  });
  Object.assign(parts, { registry, storage });
  const content = new ContentWorkers({
    timeoutMs: startOptions.contentTimeoutMs ?? options.contentTimeoutSeconds * 1000,
  });
  const docService = new DocService({
    store,
    registry,
    content,
    clock,
    logger: logger.child({ module: 'documents' }),
    autoVersionMs: startOptions.autoVersionMs ?? options.autoVersionMinutes * 60_000,
    events: webhooks.events,
  });
  const fileDeps = { store, clock, logger: logger.child({ module: 'files' }) };
  const files = new FileService(fileDeps);
  const fileCollector = new FileCollector({ ...fileDeps, stateOf: (name) => docService.state(name) });
  fileCollector.start();
  return {
    logger,
    clock,
    connections,
    metrics,
    storage,
    store,
    registry,
    content,
    docService,
    webhooks,
    files,
    fileCollector,
  };
}

/** The given initial content, or the default seed, loaded (with headless Lexical) when first needed. */
function initialContentOf(startOptions: StartOptions): () => Promise<(doc: Y.Doc) => void> {
  const given = startOptions.initialContent;
  if (given) return () => Promise.resolve(given);
  return async () => (await import('./content/seed.js')).seedNewDocument;
}

/** The parts that face the network: the HTTP app, its listener and the WebSocket upgrades. */
interface Network {
  httpServer: HttpServer;
  wss: WebSocketServer;
}

function attachNetwork(
  options: ServerOptions,
  startOptions: StartOptions,
  core: Core,
  isClosing: () => boolean,
): Network {
  const hostRule = hostRuleFor(options.host, options.allowedHosts);
  const policy = new AccessPolicy(
    options.authSecret === undefined ? undefined : secretKey(options.authSecret),
    authCallbackFor(options, core.clock, core.logger.child({ module: 'auth' })),
  );
  const addresses = new AddressLimiter(options.maxConnectionsPerIp);
  const trust = trustRuleOf(options.trustProxy);
  const sessionDeps = sessionDepsOf(options, startOptions, core);
  const gate = { policy, allowedOrigins: options.allowedOrigins, hostRule, addresses, isClosing };
  const app = createApp({
    metrics: core.metrics,
    httpFallback: options.httpFallback,
    httpSync: {
      ...sessionDeps,
      ...gate,
      maxMessageBytes: options.maxMessageBytes,
      heartbeatMs: startOptions.httpHeartbeatMs ?? HTTP_HEARTBEAT_MS,
    },
    docs: core.docService,
    files: core.files,
    maxBodyBytes: options.maxMessageBytes,
    maxUploadBytes: options.maxUploadBytes,
    store: core.store,
    policy,
    allowedOrigins: options.allowedOrigins,
    hostRule,
    trustProxy: trust,
    logger: core.logger.child({ module: 'http' }),
    webRoot: startOptions.webRoot ?? DEFAULT_WEB_ROOT,
    stats: async () => ({
      ...(await storageHealth(core.storage)),
      docsLoaded: core.registry.loadedCount,
      connections: core.connections.size,
    }),
  });
  const httpServer = createListener(options, app, startOptions.handshakeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS);
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false });
  attachUpgradeHandler(httpServer, { ...sessionDeps, ...gate, wss, trust });
  return { httpServer, wss };
}

function sessionDepsOf(options: ServerOptions, startOptions: StartOptions, core: Core): SessionDeps {
  return {
    registry: core.registry,
    connections: core.connections,
    metrics: core.metrics,
    clock: core.clock,
    logger: core.logger.child({ module: 'sync' }),
    maxBufferedBytes: startOptions.maxBufferedBytes ?? MAX_BUFFERED_BYTES,
    limits: {
      messagesPerSecond: options.maxMessagesPerSecond,
      bytesPerSecond: options.maxBytesPerSecond,
      maxMessageBytes: options.maxMessageBytes,
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

function checkedOptions(startOptions: StartOptions): ServerOptions {
  const result = checkServerOptions(startOptions);
  const errors = result.ok ? trustProxyProblems(result.options, 'trustProxy') : result.errors;
  if (!result.ok || errors.length > 0) throw new Error(`invalid server options:\n  - ${errors.join('\n  - ')}`);
  return result.options;
}
