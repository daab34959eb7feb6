import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import cors from 'cors';
import type { AccessLevel, TokenClaims } from '@quire/shared';
import type { AccessPolicy, RequestContext } from '../auth/access.js';
import { HttpError } from '../errors.js';
import { isOriginAllowed } from './origin.js';

/**
 * Guards for `/api` (SPEC: Access). Browser calls from origins that are neither the
 * server's own nor in --allowed-origins get 403 (allowed ones get CORS headers); every
 * call needs `Authorization: Bearer <token>` when the server has a secret.
 */
export function apiOrigins(allowedOrigins: readonly string[]): RequestHandler[] {
  const checkOrigin: RequestHandler = (req, _res, next) => {
    if (!isOriginAllowed(req.headers.origin, req.headers.host, allowedOrigins)) {
      next(new HttpError(403, 'origin not allowed'));
      return;
    }
    next();
  };
  const corsHeaders = cors({
    origin: [...allowedOrigins],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
  return [checkOrigin, corsHeaders];
}

/** The verified token claims of this request (undefined on an open server). */
export function userOf(res: Response): TokenClaims | undefined {
  return (res.locals as { user?: TokenClaims }).user;
}

/**
 * Requires `needed` access; for routes with `:name`, to that document. The token comes from
 * the Authorization header unless the route says otherwise (`bearerOrQueryToken`).
 */
export function requireAccess(
  policy: AccessPolicy,
  needed: AccessLevel,
  tokenOf: (req: Request) => string | undefined = bearerToken,
): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const docName = typeof req.params.name === 'string' ? req.params.name : undefined;
    const decision = await policy.decide(tokenOf(req), docName, needed, contextOf(req));
    if (!decision.ok) {
      next(new HttpError(decision.status, decision.reason));
      return;
    }
    (res.locals as { user?: TokenClaims }).user = decision.user;
    next();
  };
}

/** The cookie and origin of a request or upgrade, for the auth URL (SPEC: Access). */
export function contextOf(req: IncomingMessage): RequestContext {
  return { cookie: req.headers.cookie, origin: req.headers.origin };
}

/**
 * The bearer token, or else `?token=`: only for reading a document's files, which `<img>`
 * fetches without headers (SPEC: Files (images)). Every other `/api` route ignores the query.
 */
export function bearerOrQueryToken(req: Request): string | undefined {
  const query = (req.query as { token?: unknown }).token;
  return bearerToken(req) ?? (typeof query === 'string' && query !== '' ? query : undefined);
}

function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}
