import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import type { AccessLevel } from '@quire/shared';
import type { AccessPolicy } from '../../auth/access.js';
import { HttpError } from '../../errors.js';
import { bearerOrQueryToken, requireAccess } from '../api-auth.js';
import { refuseLargeBody } from './body-limit.js';

/**
 * The one place every `/api` route is declared (issue 24): method, path, the schemas of
 * its path parameters, query and body, and its answers. The express router that validates
 * requests and `GET /api/openapi.json` are both made from these declarations, so the
 * document cannot drift from what the server checks. A route module calls `api.add(...)`;
 * `createApp` mounts `api.router()` under `/api` (see docs/architecture.md, HTTP).
 */
export type ApiMethod = 'get' | 'post' | 'put' | 'delete';

/** An answer's body, per content type: a zod schema, or `binary` for raw bytes. */
export type ApiContent = Record<string, z.ZodType | 'binary'>;

export interface ApiResponse {
  description: string;
  content?: ApiContent;
}

export interface ApiBody<B extends z.ZodType> {
  /** Accepted `Content-Type`s (others get 415), also the document's request media types. */
  types: readonly string[];
  /** Read as `read` says whatever the `Content-Type` (`curl -d` sends a form type): no 415. */
  anyType?: boolean;
  /**
   * How it is read: `json` (checked against `schema`), `text`, `binary`, or `own` for a
   * route whose `before` handlers read and bound it themselves.
   */
  read: 'json' | 'text' | 'binary' | 'own';
  /** Over this declared or read length: 413, before a byte is parsed (issue 18). */
  maxBytes: number;
  schema?: B;
  /** The 400 message for a JSON body that does not match `schema`. */
  invalid?: string;
  description?: string;
}

export interface ApiInput<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
}

export interface ApiRoute<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  method: ApiMethod;
  /** Express syntax, below `/api`: `/docs/:name/versions/:id`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** Checked first: 400 with the first problem's message. */
  params?: P;
  /** The access the token must give (to `:name` when the path has one): 401/403 otherwise. */
  access?: AccessLevel;
  /** The token may also come as `?token=` (files, which `<img>` fetches without headers). */
  tokenFromQuery?: boolean;
  /** Route-specific checks after access and before the body (sessions, own body reading). */
  before?: RequestHandler[];
  body?: ApiBody<B>;
  /** Checked last, after access and body: a caller without access gets 401/403, not 400. */
  query?: Q;
  /** Every status this route answers itself; the common ones are added (`commonResponses`). */
  responses: Record<number, ApiResponse>;
  handle(input: ApiInput<P, Q, B>, req: Request, res: Response): Promise<void> | void;
}

export class ApiRegistry {
  private readonly list: ApiRoute[] = [];

  constructor(private readonly policy: AccessPolicy) {}

  add<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(route: ApiRoute<P, Q, B>): void {
    this.list.push(route as unknown as ApiRoute);
  }

  get routes(): readonly ApiRoute[] {
    return this.list;
  }

  /** An express router serving every declared route, checks first, in the order above. */
  router(): Router {
    const router = Router();
    for (const route of this.list) {
      router[route.method](route.path, ...this.handlersOf(route));
    }
    return router;
  }

  private handlersOf(route: ApiRoute): RequestHandler[] {
    const handlers: RequestHandler[] = [checkPart(route.params, 'params')];
    if (route.access !== undefined) {
      const tokenOf = route.tokenFromQuery === true ? bearerOrQueryToken : undefined;
      handlers.push(requireAccess(this.policy, route.access, tokenOf));
    }
    handlers.push(...(route.before ?? []));
    if (route.body !== undefined && route.body.read !== 'own') handlers.push(...bodyReaders(route.body));
    handlers.push(checkPart(route.query, 'query'), async (req, res) => {
      await route.handle(inputOf(res), req, res);
    });
    return handlers;
  }
}

type Part = 'params' | 'query' | 'body';

function inputOf(res: Response): ApiInput<z.ZodType, z.ZodType, z.ZodType> {
  const locals = res.locals as { apiInput?: ApiInput<z.ZodType, z.ZodType, z.ZodType> };
  locals.apiInput ??= { params: {}, query: {}, body: undefined };
  return locals.apiInput;
}

/** Parses one part of the request; the first problem becomes the 400's message. */
function checkPart(schema: z.ZodType | undefined, part: Part, invalid?: string): RequestHandler {
  return (req, res, next) => {
    const input = inputOf(res);
    const raw: unknown = part === 'params' ? req.params : part === 'query' ? req.query : req.body;
    if (schema === undefined) {
      input[part] = raw;
      next();
      return;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) input[part] = parsed.data;
    next(parsed.success ? undefined : new HttpError(400, invalid ?? parsed.error.issues[0]?.message ?? 'bad request'));
  };
}

function bodyReaders(body: ApiBody<z.ZodType>): RequestHandler[] {
  const read = { type: () => true, limit: body.maxBytes };
  const parser =
    body.read === 'json' ? express.json(read) : body.read === 'text' ? express.text(read) : express.raw(read);
  const typeCheck = body.anyType === true ? [] : [requireContentType(body.types)];
  return [...typeCheck, refuseLargeBody(body.maxBytes), parser, checkPart(body.schema, 'body', body.invalid)];
}

function requireContentType(types: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    next(req.is([...types]) ? undefined : new HttpError(415, `Content-Type must be ${types.join(' or ')}`));
  };
}
