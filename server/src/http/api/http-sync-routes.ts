import { randomUUID } from 'node:crypto';
import express, { Router, type Request } from 'express';
import * as decoding from 'lib0/decoding';
import { CloseCode, NO_SUCH_DOCUMENT } from '@quire/shared';
import { hasAccess, type AccessPolicy } from '../../auth/access.js';
import { HttpError } from '../../errors.js';
import { startSession, type Session, type SessionDeps } from '../../rooms/session.js';
import { SseTransport } from '../../transport/sse-transport.js';
import type { AddressLimiter } from '../address-limiter.js';
import { checkNameParam, docNameOf } from './doc-name-param.js';

/**
 * The HTTP transport for clients whose WebSockets are blocked (SPEC: When WebSockets are
 * blocked). `GET /api/docs/:name/events` opens a server-sent event stream whose first
 * event (`session`) names the session; the client then POSTs its frames to
 * `/api/docs/:name/events/:session` as a body of length-prefixed frames (lib0
 * varUint8Array each; an empty body is a heartbeat). The same access checks, limits,
 * durability and acks apply as on a WebSocket: both end up in the same room code.
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

export function httpSyncRoutes(deps: HttpSyncDeps): Router {
  const router = Router();
  const sessions = new Map<string, HttpSession>();
  router.use('/docs/:name/events', checkNameParam);

  router.get('/docs/:name/events', async (req, res) => {
    if (deps.isClosing()) throw new HttpError(503, 'server is shutting down');
    const docName = docNameOf(req.params);
    const decision = await deps.policy.decide(tokenOf(req), docName, 'read');
    if (!decision.ok) throw new HttpError(decision.status, decision.reason);
    // SPEC: Access — a connection that cannot write never creates a document.
    if (!hasAccess(decision.access, 'write') && !(await deps.registry.exists(docName))) {
      throw new HttpError(404, NO_SUCH_DOCUMENT);
    }
    const ip = req.socket.remoteAddress ?? 'unknown';
    if (!deps.addresses.acquire(ip)) throw new HttpError(429, 'too many connections from this address');
    const id = randomUUID();
    const transport = new SseTransport(res, deps.heartbeatMs);
    transport.event('session', id);
    const session = startSession(
      transport,
      { docName, wantsAck: req.query.ack === '1', access: decision.access, user: decision.user },
      deps,
    );
    sessions.set(id, { docName, session, transport });
    res.once('close', () => {
      sessions.delete(id);
      deps.addresses.release(ip);
      session.end();
    });
  });

  router.post(
    '/docs/:name/events/:session',
    express.raw({ type: () => true, limit: deps.maxMessageBytes + 1024 }),
    (req, res) => {
      const entry = sessions.get(String(req.params.session));
      if (!entry || entry.docName !== docNameOf(req.params))
        throw new HttpError(404, 'no such session; open a new event stream');
      entry.transport.touch();
      const frames = splitFrames(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      if (!frames) {
        entry.session.conn.logger.warn({ code: CloseCode.ProtocolError }, 'malformed frame batch');
        entry.session.conn.close(CloseCode.ProtocolError, 'malformed frame batch');
        throw new HttpError(400, 'body must be length-prefixed frames');
      }
      for (const frame of frames) {
        if (frame.byteLength > deps.maxMessageBytes) {
          entry.session.conn.close(CloseCode.TooLarge, 'frame too large');
          throw new HttpError(413, 'frame larger than the server accepts');
        }
        entry.session.receive(frame);
      }
      res.status(204).end();
    },
  );
  return router;
}

/** EventSource cannot send headers, so the stream takes `?token=`; POSTs may use either. */
function tokenOf(req: Request): string | undefined {
  const header = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return header ?? (typeof req.query.token === 'string' ? req.query.token : undefined);
}

function splitFrames(body: Buffer): Uint8Array[] | undefined {
  const frames: Uint8Array[] = [];
  const decoder = decoding.createDecoder(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  try {
    while (decoding.hasContent(decoder)) frames.push(decoding.readVarUint8Array(decoder));
  } catch {
    return undefined;
  }
  return frames;
}
