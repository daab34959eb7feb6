import type { Server as HttpServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import { WebSocketServer } from 'ws';
import { HANDSHAKE_TIMEOUT_MS, HTTP_HEARTBEAT_MS, MAX_BUFFERED_BYTES, type ServerOptions } from '@quire/shared';
import { AccessPolicy } from './auth/access.js';
import { secretKey } from './auth/tokens.js';
import { authCallbackFor } from './auth/auth-callback.js';
import { createApp } from './http/app.js';
import { createListener } from './http/listener.js';
import { attachUpgradeHandler } from './http/upgrade-handler.js';
import type { GateDeps } from './http/upgrade-gate.js';
import { AddressLimiter } from './http/address-limiter.js';
import { hostRuleFor } from './http/hosts.js';
import { trustRuleOf, type TrustRule } from './http/client-address.js';
import type { SessionDeps } from './rooms/session.js';
import type { Core } from './core.js';
import { storageHealth } from './open-storage.js';
import type { StartOptions } from './start-options.js';

/**
 * The parts of a server that face the network: the HTTP app, its listener and the
 * WebSocket upgrades, with the same access checks and limits on every transport.
 */
export interface Network {
  httpServer: HttpServer;
  wss: WebSocketServer;
}

const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

interface Gate extends GateDeps {
  addresses: AddressLimiter;
  isClosing(): boolean;
}

/** Who may connect, shared by the HTTP transport and the WebSocket upgrade. */
interface Access {
  gate: Gate;
  trust: TrustRule;
  sessionDeps: SessionDeps;
}

export function attachNetwork(
  options: ServerOptions,
  startOptions: StartOptions,
  core: Core,
  isClosing: () => boolean,
): Network {
  const access = accessOf(options, startOptions, core, isClosing);
  const app = appOf(options, startOptions, core, access);
  const httpServer = createListener(options, app, startOptions.handshakeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS);
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false });
  attachUpgradeHandler(httpServer, { ...access.sessionDeps, ...access.gate, wss, trust: access.trust });
  return { httpServer, wss };
}

function accessOf(options: ServerOptions, startOptions: StartOptions, core: Core, isClosing: () => boolean): Access {
  const policy = new AccessPolicy(
    options.authSecret === undefined ? undefined : secretKey(options.authSecret),
    authCallbackFor(options, core.clock, core.logger.child({ module: 'auth' })),
  );
  const gate: Gate = {
    policy,
    allowedOrigins: options.allowedOrigins,
    hostRule: hostRuleFor(options.host, options.allowedHosts),
    addresses: new AddressLimiter(options.maxConnectionsPerIp),
    isClosing,
  };
  return { gate, trust: trustRuleOf(options.trustProxy), sessionDeps: sessionDepsOf(options, startOptions, core) };
}

function appOf(options: ServerOptions, startOptions: StartOptions, core: Core, access: Access): Express {
  const { gate, trust, sessionDeps } = access;
  return createApp({
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
    policy: gate.policy,
    allowedOrigins: options.allowedOrigins,
    hostRule: gate.hostRule,
    trustProxy: trust,
    logger: core.logger.child({ module: 'http' }),
    webRoot: startOptions.webRoot ?? DEFAULT_WEB_ROOT,
    stats: async () => ({
      ...(await storageHealth(core.storage)),
      docsLoaded: core.registry.loadedCount,
      connections: core.connections.size,
    }),
  });
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
