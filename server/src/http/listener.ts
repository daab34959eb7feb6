import { createServer as createHttpServer, type Server as HttpServer, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { ServerOptions } from '@quire/shared';

/** The HTTP(S) listener a server answers on (the app and the WebSocket upgrades share it). */
/**
 * Node checks header and request deadlines only every `connectionsCheckingInterval` (30 s
 * by default), so a slow-headers socket lived 20+ s. Checking ten times per timeout and
 * shortening the deadline by one check drops it within the promised time.
 */
export function createListener(options: ServerOptions, app: RequestListener, handshakeTimeoutMs: number): HttpServer {
  const checkMs = Math.max(1, Math.floor(handshakeTimeoutMs / 10));
  const timeouts = {
    connectionsCheckingInterval: checkMs,
    headersTimeout: handshakeTimeoutMs - checkMs,
    // Bodies (up to --max-message-bytes) get longer than headers.
    requestTimeout: 3 * handshakeTimeoutMs,
  };
  if (options.tlsCert === undefined || options.tlsKey === undefined) return createHttpServer(timeouts, app);
  const tls = { cert: readFileSync(options.tlsCert), key: readFileSync(options.tlsKey) };
  return createHttpsServer({ ...tls, ...timeouts }, app);
}

export function listen(server: HttpServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
