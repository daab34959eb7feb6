import type { Logger } from 'pino';
import { CloseCode, NO_SUCH_DOCUMENT, type AccessLevel, type TokenClaims } from '@quire/shared';
import { hasAccess } from '../auth/access.js';
import { ProtocolError } from '../errors.js';
import { decodeFrame } from '../protocol/decode.js';
import type { Metrics } from '../observability/metrics.js';
import type { Transport } from '../transport/transport.js';
import { Connection, type ConnectionOptions } from './connection.js';
import type { RoomRegistry } from './registry.js';
import type { Room } from './room.js';
import type { Clock, Timer } from '../util/clock.js';

/**
 * One client's life in a room, whatever the transport (STYLE §2, steps 2–4). Frames are
 * rate-limited, decoded and handled one at a time, in order, after the room has loaded.
 * Bad input closes this connection only, with the close code of the error and one log
 * line; whatever the client sends after that is dropped unread. A connection whose token
 * expires is closed with 4401 so the client fetches a fresh token. A connection that cannot
 * write never creates a document: to a name that does not exist it gets 4404 (SPEC: Access).
 */
export interface SessionTarget {
  docName: string;
  wantsAck: boolean;
  access: AccessLevel;
  user: TokenClaims | undefined;
}

export interface SessionDeps {
  registry: RoomRegistry;
  logger: Logger;
  maxBufferedBytes: number;
  limits: ConnectionOptions['limits'];
  connections: Set<Connection>;
  metrics: Metrics;
  clock: Clock;
}

export interface Session {
  conn: Connection;
  /** Handles one frame from the client (`isBinary` false for a WebSocket text frame). */
  receive(bytes: Uint8Array, isBinary?: boolean): void;
  /** The transport has ended. */
  end(): void;
}

/** setTimeout cannot wait longer than this. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function startSession(transport: Transport, target: SessionTarget, deps: SessionDeps): Session {
  const conn = new Connection(transport, {
    ...target,
    maxBufferedBytes: deps.maxBufferedBytes,
    limits: deps.limits,
    logger: deps.logger,
    metrics: deps.metrics,
    clock: deps.clock,
  });
  deps.connections.add(conn);
  const room = hasAccess(target.access, 'write')
    ? deps.registry.acquire(target.docName)
    : deps.registry.acquireExisting(target.docName);
  /** The room once loaded: frames are then handled without waiting a turn. */
  let loaded: Room | undefined;
  const expiry = scheduleExpiry(conn, target, deps.clock);
  conn.enqueue(() => joinWhenLoaded(conn, room, (ready) => (loaded = ready)));
  const frames: FrameHandler = {
    conn,
    metrics: deps.metrics,
    // Tasks run in order and the first one waits for the load, so `loaded` is set when a frame is handled.
    room: () => loaded!,
    refuse: (err) => {
      deps.metrics.countIn('invalid', 0);
      rejectFrame(conn, err);
    },
  };
  return {
    conn,
    receive: (bytes, isBinary = true) => receiveFrame(frames, bytes, isBinary),
    end: () => {
      deps.clock.clear(expiry);
      deps.connections.delete(conn);
      // Leave only after the frames received before the close have been handled, so an edit
      // sent right before closing is kept and its awareness states are removed.
      conn.enqueueCleanup(() => room.then((ready) => ready?.leave(conn)).catch(() => undefined));
    },
  };
}

/** Joins the room once it has loaded; a document that does not exist (read-only) or failed to load closes the connection. */
function joinWhenLoaded(
  conn: Connection,
  room: Promise<Room | undefined>,
  onLoaded: (room: Room) => void,
): Promise<void> {
  return room.then(
    async (ready) => {
      if (ready === undefined) {
        refuseMissing(conn);
        return;
      }
      onLoaded(ready);
      await ready.join(conn);
    },
    (err: unknown) => {
      conn.logger.error({ err, code: CloseCode.InternalError }, 'document failed to load');
      conn.close(CloseCode.InternalError, 'document failed to load');
    },
  );
}

/** What handling one connection's frames needs, made once per connection. */
interface FrameHandler {
  conn: Connection;
  metrics: Metrics;
  room(): Room;
  refuse(err: unknown): void;
}

/** Counts one frame against the rate limits, then queues it to be decoded and handled in order. */
function receiveFrame({ conn, metrics, room, refuse }: FrameHandler, bytes: Uint8Array, isBinary: boolean): void {
  // Frames still arriving after the server closed this connection cost nothing: no
  // log line, metric or queue entry each (issue 18; the close itself was logged once).
  if (conn.hasClosed) return;
  if (!conn.withinRateLimits(bytes.byteLength)) {
    conn.logger.warn({ code: CloseCode.RateLimited, bytes: bytes.byteLength }, 'rate limit exceeded');
    conn.close(CloseCode.RateLimited, 'rate limit exceeded');
    return;
  }
  conn.enqueue(() => {
    try {
      if (!isBinary) throw new ProtocolError(CloseCode.UnsupportedData, 'text frames are not supported');
      const frame = decodeFrame(bytes);
      metrics.countIn(frame.kind, bytes.byteLength);
      return room().handle(conn, frame)?.catch(refuse);
    } catch (err) {
      refuse(err);
      return undefined;
    }
  });
}

function scheduleExpiry(conn: Connection, target: SessionTarget, clock: Clock): Timer | undefined {
  if (!target.user) return undefined;
  const remainingMs = Math.min(target.user.exp * 1000 - clock.now(), MAX_TIMER_MS);
  return clock.setTimeout(
    () => {
      conn.logger.info({ code: CloseCode.TokenExpired }, 'token expired');
      conn.close(CloseCode.TokenExpired, 'token expired');
    },
    Math.max(0, remainingMs),
  );
}

/** SPEC: Access — a connection that cannot write never creates a document. */
function refuseMissing(conn: Connection): void {
  conn.logger.warn({ code: CloseCode.DocumentDeleted }, 'read-only connection to a document that does not exist');
  conn.close(CloseCode.DocumentDeleted, NO_SUCH_DOCUMENT);
}

function rejectFrame(conn: Connection, err: unknown): void {
  if (err instanceof ProtocolError) {
    conn.logger.warn({ err, code: err.code }, err.message);
    conn.close(err.code, err.message);
    return;
  }
  conn.logger.error({ err, code: CloseCode.InternalError }, 'failed to handle frame');
  conn.close(CloseCode.InternalError, 'internal error');
}
