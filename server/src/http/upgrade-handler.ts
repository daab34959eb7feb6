import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { WebSocketServer } from 'ws';
import { checkUpgrade, refuseUpgrade, type GateDeps } from './upgrade-gate.js';
import { handleSocket, type SocketHandlerDeps } from '../rooms/socket-handler.js';

/**
 * Accepts or refuses WebSocket upgrades (SPEC: WebSocket, Access). Counts open sockets
 * per client address and refuses past `maxConnectionsPerIp` with 429; refuses
 * everything with 503 once shutdown has begun.
 */
export interface UpgradeHandlerDeps extends GateDeps, SocketHandlerDeps {
  wss: WebSocketServer;
  maxConnectionsPerIp: number;
  isClosing(): boolean;
}

export function attachUpgradeHandler(server: Server, deps: UpgradeHandlerDeps): void {
  const perIp = new Map<string, number>();
  const logger: Logger = deps.logger;

  const release = (ip: string): void => {
    const count = (perIp.get(ip) ?? 1) - 1;
    if (count <= 0) perIp.delete(ip);
    else perIp.set(ip, count);
  };

  const refuse = (req: IncomingMessage, socket: Duplex, status: number, error: string): void => {
    logger.warn({ code: status, ip: req.socket.remoteAddress }, `upgrade refused: ${error}`);
    refuseUpgrade(socket, status, error);
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (deps.isClosing()) return refuseUpgrade(socket, 503, 'server is shutting down');
    const ip = req.socket.remoteAddress ?? 'unknown';
    const open = perIp.get(ip) ?? 0;
    if (deps.maxConnectionsPerIp > 0 && open >= deps.maxConnectionsPerIp) {
      return refuse(req, socket, 429, 'too many connections from this address');
    }
    perIp.set(ip, open + 1);
    checkUpgrade(req, deps).then(
      (decision) => {
        if (!decision.ok || deps.isClosing() || socket.destroyed) {
          release(ip);
          if (!decision.ok) refuse(req, socket, decision.status, decision.error);
          else socket.destroy();
          return;
        }
        deps.wss.handleUpgrade(req, socket, head, (ws) => {
          ws.once('close', () => release(ip));
          handleSocket(ws, decision.target, deps);
        });
      },
      (err: unknown) => {
        release(ip);
        logger.error({ err }, 'upgrade check failed');
        refuseUpgrade(socket, 500, 'internal error');
      },
    );
  });
}
