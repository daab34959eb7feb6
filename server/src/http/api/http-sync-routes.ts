import { randomUUID } from 'node:crypto';
import express, { type Request, type RequestHandler, type Response } from 'express';
import * as decoding from 'lib0/decoding';
import { BATCH_OVERHEAD_BYTES, CloseCode, MAX_FRAMES_PER_BATCH, NO_SUCH_DOCUMENT } from '@quire/shared';
import { hasAccess, type AccessPolicy } from '../../auth/access.js';
import { HttpError } from '../../errors.js';
import { startSession, type Session, type SessionDeps } from '../../rooms/session.js';
import { SseTransport } from '../../transport/sse-transport.js';
import type { AddressLimiter } from '../address-limiter.js';
import { z } from 'zod';
import type { ApiRegistry } from './registry.js';
import { docNameSchema, docParams, errorAnswer } from './schemas.js';
import { contextOf } from '../api-auth.js';

/**
 * The HTTP transport for clients whose WebSockets are blocked (SPEC: When WebSockets are
 * blocked). `GET /api/docs/:name/events` opens a server-sent event stream whose first
 * event (`session`) names the session; the client then POSTs its frames to
 * `/api/docs/:name/events/:session` as a body of length-prefixed frames (lib0
 * varUint8Array each; an empty body is a heartbeat). The same access checks, limits,
 * durability and acks apply as on a WebSocket: both end up in the same room code. A batch
 * is bounded before any work: at most --max-message-bytes plus BATCH_OVERHEAD_BYTES, and
 * MAX_FRAMES_PER_BATCH frames; beyond either it gets 413 and the session is closed (1009).
 */
export interface HttpSyncDeps extends SessionDeps {
  policy: AccessPolicy;
  addresses: AddressLimiter;
  maxMessageBytes: number;
  heartbeatMs: number;
  isClosing(): boolean;
}

interface HttpSession {
  docName: string;
  session: Session;
  transport: SseTransport;
}

const sessionParams = z.object({ name: docNameSchema, session: z.string().meta({ description: 'From the stream' }) });
const streamQuery = z.object({
  token: z.string().optional().meta({ description: 'The access token (EventSource cannot send headers)' }),
  ack: z.string().optional().meta({ description: '`1`: send message 100 once changes are on disk' }),
});

export function httpSyncRoutes(api: ApiRegistry, deps: HttpSyncDeps): void {
  const sessions = new Map<string, HttpSession>();
  streamRoute(api, deps, sessions);
  batchRoute(api, deps, sessions);
}

function streamRoute(api: ApiRegistry, deps: HttpSyncDeps, sessions: Map<string, HttpSession>): void {
  api.add({
    method: 'get',
    path: '/docs/:name/events',
    tag: 'sync',
    summary: 'Open the HTTP transport: a server-sent event stream of y-websocket frames',
    description: 'See docs/protocol.md, "When WebSockets are blocked". Takes the token as ?token= or Bearer.',
    params: docParams,
    query: streamQuery,
    responses: {
      200: {
        description: 'The event stream; its first event, `session`, names the session',
        content: { 'text/event-stream': z.string() },
      },
      401: errorAnswer('No token, or one that is invalid or expired'),
      403: errorAnswer('The token does not cover this document, or the origin is not allowed'),
      404: errorAnswer('A read-only token asked for a document that does not exist'),
      429: errorAnswer('Too many connections from this address'),
      503: errorAnswer('The server is shutting down, or the --auth-url service could not be asked'),
    },
    handle: (input, req, res) => openStream(deps, sessions, input, req, res),
  });
}

function batchRoute(api: ApiRegistry, deps: HttpSyncDeps, sessions: Map<string, HttpSession>): void {
  api.add({
    method: 'post',
    path: '/docs/:name/events/:session',
    tag: 'sync',
    summary: 'Send a batch of length-prefixed frames to a session (empty: a heartbeat)',
    params: sessionParams,
    before: [findSession(sessions), readBatch(deps)],
    body: {
      types: ['application/octet-stream'],
      read: 'own',
      maxBytes: deps.maxMessageBytes + BATCH_OVERHEAD_BYTES,
      description: 'lib0 varUint8Array frames, one after the other',
    },
    responses: {
      204: { description: 'The batch was taken (a frame in it may still close the session)' },
      404: errorAnswer('No such session; open a new event stream'),
      413: errorAnswer('A frame or the batch is too large, or too many frames; the session is closed'),
    },
    handle: (_input, req, res) => receiveBatch(deps, req, res),
  });
}

async function openStream(
  deps: HttpSyncDeps,
  sessions: Map<string, HttpSession>,
  { params, query }: { params: { name: string }; query: z.output<typeof streamQuery> },
  req: Request,
  res: Response,
): Promise<void> {
  if (deps.isClosing()) throw new HttpError(503, 'server is shutting down');
  const docName = params.name;
  const decision = await deps.policy.decide(tokenOf(req, query.token), docName, 'read', contextOf(req));
  if (!decision.ok) throw new HttpError(decision.status, decision.reason);
  // SPEC: Access — a connection that cannot write never creates a document.
  if (!hasAccess(decision.access, 'write') && !(await deps.registry.exists(docName))) {
    throw new HttpError(404, NO_SUCH_DOCUMENT);
  }
  // The client behind trusted proxies (`trust proxy`, set from --trust-proxy).
  const ip = req.ip ?? 'unknown';
  if (!deps.addresses.acquire(ip)) throw new HttpError(429, 'too many connections from this address');
  const id = randomUUID();
  const transport = new SseTransport(res, deps.heartbeatMs, deps.clock);
  transport.event('session', id);
  const session = startSession(
    transport,
    { docName, wantsAck: query.ack === '1', access: decision.access, user: decision.user },
    deps,
  );
  sessions.set(id, { docName, session, transport });
  res.once('close', () => {
    sessions.delete(id);
    deps.addresses.release(ip);
    session.end();
  });
}

function receiveBatch(deps: HttpSyncDeps, req: Request, res: Response): void {
  const entry = sessionOf(res);
  const frames = splitFrames(req.body as Buffer, deps.maxMessageBytes);
  if (typeof frames === 'string') {
    const [status, code] = frames === 'malformed' ? [400, CloseCode.ProtocolError] : [413, CloseCode.TooLarge];
    refuseBatch(req, res, status, code, BATCH_ERRORS[frames]);
    return;
  }
  // A frame may close the session (rate limit, bad frame): the rest are dropped unread.
  // The batch itself was well formed, so it gets 204; the close reaches the stream.
  for (const frame of frames) {
    if (!entry.session.conn.isOpen) break;
    entry.session.receive(frame);
  }
  res.status(204).end();
}

/** EventSource cannot send headers, so the stream takes `?token=`; POSTs may use either. */
function tokenOf(req: Request, queryToken: string | undefined): string | undefined {
  const header = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return header ?? queryToken;
}

/**
 * The session named in the path, looked up before anything of the body is read: an
 * unknown or ended session costs a 404 and no memory (issue 18).
 */
function findSession(sessions: Map<string, HttpSession>): RequestHandler {
  return (req, res, next) => {
    const entry = sessions.get(String(req.params.session));
    if (!entry || entry.docName !== req.params.name || !entry.session.conn.isOpen) {
      next(new HttpError(404, 'no such session; open a new event stream'));
      return;
    }
    entry.transport.touch();
    (res.locals as { entry?: HttpSession }).entry = entry;
    next();
  };
}

function sessionOf(res: Response): HttpSession {
  return (res.locals as { entry: HttpSession }).entry;
}

/**
 * Reads the batch, refusing one whose declared length is over the limit before reading
 * any of it. Either way a batch over the limit closes the session, like a big frame.
 */
function readBatch(deps: HttpSyncDeps): RequestHandler {
  const limit = deps.maxMessageBytes + BATCH_OVERHEAD_BYTES;
  const readBody = express.raw({ type: () => true, limit, inflate: false });
  return (req, res, next) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      refuseBatch(req, res, 413, CloseCode.TooLarge, BATCH_ERRORS['too-large']);
      return;
    }
    readBody(req, res, (err?: unknown) => {
      if (err === undefined) req.body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      else sessionOf(res).session.conn.close(CloseCode.TooLarge, BATCH_ERRORS['too-large']);
      next(err);
    });
  };
}

type BatchProblem = 'malformed' | 'too-many' | 'too-large';

const BATCH_ERRORS: Record<BatchProblem, string> = {
  malformed: 'body must be length-prefixed frames',
  'too-many': `more than ${MAX_FRAMES_PER_BATCH} frames in one batch`,
  'too-large': 'frame or batch larger than the server accepts',
};

/** One log line for the refused batch, the session closed with `code`, and a JSON answer. */
function refuseBatch(req: Request, res: Response, status: number, code: number, error: string): void {
  const { conn } = sessionOf(res).session;
  conn.logger.warn({ code, status }, `frame batch refused: ${error}`);
  conn.close(code, error);
  // An unread body is not drained: the answer goes out and the connection is closed.
  if (!req.complete) res.setHeader('Connection', 'close');
  res.status(status).json({ error });
}

/** Splits a batch into frames, stopping at the first problem (too many, too large, cut short). */
function splitFrames(body: Buffer, maxFrameBytes: number): Uint8Array[] | BatchProblem {
  const frames: Uint8Array[] = [];
  const decoder = decoding.createDecoder(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  try {
    while (decoding.hasContent(decoder)) {
      if (frames.length === MAX_FRAMES_PER_BATCH) return 'too-many';
      const frame = decoding.readVarUint8Array(decoder);
      if (frame.byteLength > maxFrameBytes) return 'too-large';
      frames.push(frame);
    }
  } catch {
    return 'malformed';
  }
  return frames;
}
