import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import { CloseCode } from '@quire/shared';
import { checkUpgrade, refuseUpgrade, type GateDeps } from './upgrade-gate.js';
import type { AddressLimiter } from './address-limiter.js';
import { clientAddressOf, type TrustRule } from './client-address.js';
import { startSession, type SessionDeps, type SessionTarget } from '../rooms/session.js';
import { WsTransport } from '../transport/ws-transport.js';

/**
 * Accepts or refuses WebSocket upgrades (SPEC: WebSocket, Access) and wires each accepted
 * socket to a session. Refuses past the per-address limit with 429, and everything with
 * 503 once shutdown has begun.
 */
export interface UpgradeHandlerDeps extends GateDeps, SessionDeps {
  wss: WebSocketServer;
  addresses: AddressLimiter;
  /** `--trust-proxy`: the same rule express follows for HTTP requests. */
  trust: TrustRule;
  isClosing(): boolean;
}

export function attachUpgradeHandler(server: Server, deps: UpgradeHandlerDeps): void {
  const refuse = (req: IncomingMessage, socket: Duplex, status: number, error: string): void => {
    deps.logger.warn({ code: status, ip: clientAddressOf(req, deps.trust) }, `upgrade refused: ${error}`);
    refuseUpgrade(socket, status, error);
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (deps.isClosing()) return refuseUpgrade(socket, 503, 'server is shutting down');
    const ip = clientAddressOf(req, deps.trust);
    if (!deps.addresses.acquire(ip)) return refuse(req, socket, 429, 'too many connections from this address');
    checkUpgrade(req, deps).then(
      (decision) => {
        if (!decision.ok || deps.isClosing() || socket.destroyed) {
          deps.addresses.release(ip);
          if (!decision.ok) refuse(req, socket, decision.status, decision.error);
          else socket.destroy();
          return;
        }
        deps.wss.handleUpgrade(req, socket, head, (ws) => {
          ws.once('close', () => deps.addresses.release(ip));
          serveSocket(ws, socket, decision.target, deps);
        });
      },
      (err: unknown) => {
        deps.addresses.release(ip);
        deps.logger.error({ err }, 'upgrade check failed');
        refuseUpgrade(socket, 500, 'internal error');
      },
    );
  });
}

function serveSocket(ws: WebSocket, socket: Duplex, target: SessionTarget, deps: SessionDeps): void {
  const session = startSession(new WsTransport(ws, socket), target, deps);
  ws.on('message', (data: RawData, isBinary: boolean) => session.receive(toBytes(data), isBinary));
  ws.on('error', (err: Error & { code?: string }) => {
    const code = err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? CloseCode.TooLarge : CloseCode.ProtocolError;
    session.conn.logger.warn({ code, err }, 'socket error');
  });
  ws.on('close', () => session.end());
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
