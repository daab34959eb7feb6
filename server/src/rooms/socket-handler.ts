import type { WebSocket, RawData } from 'ws';
import type { Logger } from 'pino';
import { CloseCode } from '@quire/shared';
import { ProtocolError } from '../errors.js';
import { decodeFrame } from '../protocol/decode.js';
import type { UpgradeTarget } from '../http/upgrade-gate.js';
import { Connection } from './connection.js';
import type { RoomRegistry } from './registry.js';

/**
 * Wires one accepted socket to its room (STYLE §2, steps 2–4). Frames are decoded and
 * handled one at a time, in order, after the room has loaded. Bad input closes this
 * socket only, with the close code of the error and one log line.
 */
export interface SocketHandlerDeps {
  registry: RoomRegistry;
  logger: Logger;
  maxBufferedBytes: number;
  connections: Set<Connection>;
}

export function handleSocket(ws: WebSocket, target: UpgradeTarget, deps: SocketHandlerDeps): void {
  const conn = new Connection(ws, { ...target, maxBufferedBytes: deps.maxBufferedBytes, logger: deps.logger });
  deps.connections.add(conn);
  const room = deps.registry.acquire(target.docName);
  // Keep the rejection handled here; each queued task below awaits the same promise.
  room.catch(() => undefined);

  conn.enqueue(async () => {
    try {
      await (await room).join(conn);
    } catch (err) {
      conn.logger.error({ err, code: CloseCode.InternalError }, 'document failed to load');
      conn.close(CloseCode.InternalError, 'document failed to load');
    }
  });

  ws.on('message', (data: RawData, isBinary: boolean) => {
    conn.enqueue(async () => {
      try {
        if (!isBinary) throw new ProtocolError(CloseCode.UnsupportedData, 'text frames are not supported');
        const frame = decodeFrame(toBytes(data));
        await (await room).handle(conn, frame);
      } catch (err) {
        rejectFrame(conn, err);
      }
    });
  });

  ws.on('error', (err: Error & { code?: string }) => {
    const code = err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? CloseCode.TooLarge : CloseCode.ProtocolError;
    conn.logger.warn({ code, err: err.message }, 'socket error');
  });

  ws.on('close', () => {
    deps.connections.delete(conn);
    // Leave only after the frames received before the close have been handled, so an edit
    // sent right before closing is kept and its awareness states are removed.
    conn.enqueueCleanup(() => room.then((loaded) => loaded.leave(conn)).catch(() => undefined));
  });
}

function rejectFrame(conn: Connection, err: unknown): void {
  if (err instanceof ProtocolError) {
    conn.logger.warn({ code: err.code }, err.message);
    conn.close(err.code, err.message);
    return;
  }
  conn.logger.error({ err, code: CloseCode.InternalError }, 'failed to handle frame');
  conn.close(CloseCode.InternalError, 'internal error');
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
