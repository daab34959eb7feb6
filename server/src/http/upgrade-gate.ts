import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { docNameFromPath } from '@quire/shared';

/**
 * Decides a WebSocket upgrade before any socket exists (SPEC: WebSocket). A refused
 * upgrade gets a plain HTTP response with a JSON error body and the TCP socket is ended.
 */
export interface UpgradeTarget {
  docName: string;
  wantsAck: boolean;
}

export type UpgradeDecision = { ok: true; target: UpgradeTarget } | { ok: false; status: number; error: string };

export function checkUpgrade(req: IncomingMessage): UpgradeDecision {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const name = docNameFromPath(url.pathname);
  if (!name.ok) return { ok: false, status: 400, error: name.reason };
  return { ok: true, target: { docName: name.docName, wantsAck: url.searchParams.get('ack') === '1' } };
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
