import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { docNameFromPath } from '@quire/shared';
import type { SessionTarget } from '../rooms/session.js';
import type { AccessPolicy } from '../auth/access.js';
import { isOriginAllowed } from './origin.js';
import { contextOf } from './api-auth.js';
import { isHostAllowed, type HostRule } from './hosts.js';
import { isNormalPath, rawPathOf } from './request-path.js';

/**
 * Decides a WebSocket upgrade before any socket exists (SPEC: WebSocket, Access;
 * PITFALLS: pre-auth floods). Host (403), name (400), origin (403) and token (401/403) are all checked
 * here, so an unauthorised client never gets a socket to send messages on. A refused
 * upgrade gets a plain HTTP response with a JSON error body and the TCP socket is ended.
 */
export type UpgradeDecision = { ok: true; target: SessionTarget } | { ok: false; status: number; error: string };

export interface GateDeps {
  policy: AccessPolicy;
  allowedOrigins: readonly string[];
  hostRule: HostRule;
}

export async function checkUpgrade(req: IncomingMessage, deps: GateDeps): Promise<UpgradeDecision> {
  if (!isHostAllowed(req.headers.host, deps.hostRule)) return { ok: false, status: 403, error: 'host not allowed' };
  const path = rawPathOf(req.url);
  if (!isNormalPath(path)) return { ok: false, status: 400, error: 'path is not in normal form' };
  const name = docNameFromPath(path);
  if (!name.ok) return { ok: false, status: 400, error: name.reason };
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!isOriginAllowed(req.headers.origin, req.headers.host, deps.allowedOrigins)) {
    return { ok: false, status: 403, error: 'origin not allowed' };
  }
  const token = url.searchParams.get('token') ?? undefined;
  const decision = await deps.policy.decide(token, name.docName, 'read', contextOf(req));
  if (!decision.ok) return { ok: false, status: decision.status, error: decision.reason };
  return {
    ok: true,
    target: {
      docName: name.docName,
      wantsAck: url.searchParams.get('ack') === '1',
      access: decision.access,
      user: decision.user,
    },
  };
}

export function refuseUpgrade(socket: Duplex, status: number, error: string): void {
  const body = JSON.stringify({ error });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
