import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Logger } from 'pino';
import type { HealthResponse } from '@quire/shared';
import { HttpError } from '../errors.js';
import type { DocStore } from '../storage/doc-store.js';
import type { AccessPolicy } from '../auth/access.js';
import { serveWebApp } from './web-app.js';
import { apiOrigins } from './api-auth.js';
import { requireAllowedHost, type HostRule } from './hosts.js';
import { requireNormalPath } from './request-path.js';
import { docsRoutes } from './api/docs-routes.js';
import { docRoutes } from './api/doc-routes.js';
import { versionRoutes } from './api/version-routes.js';
import { fileRoutes } from './api/file-routes.js';
import type { FileService } from '../documents/file-service.js';
import { commentRoutes } from './api/comment-routes.js';
import { httpSyncRoutes, type HttpSyncDeps } from './api/http-sync-routes.js';
import { openApiRoute } from './api/openapi.js';
import { ApiRegistry } from './api/registry.js';
import type { DocService } from '../documents/doc-service.js';
import type { Metrics } from '../observability/metrics.js';
import type { TrustRule } from './client-address.js';

/**
 * The HTTP surface (SPEC: HTTP): health, the document list, the built web app, and JSON
 * errors for everything that goes wrong (a 500 is a bug and is logged with its stack).
 */
export interface AppDeps {
  store: DocStore;
  docs: DocService;
  httpSync: HttpSyncDeps;
  httpFallback: boolean;
  maxBodyBytes: number;
  files: FileService;
  maxUploadBytes: number;
  policy: AccessPolicy;
  metrics: Metrics;
  allowedOrigins: readonly string[];
  hostRule: HostRule;
  /** `--trust-proxy`: which peers' X-Forwarded-For/-Proto express believes (`req.ip`, `req.protocol`). */
  trustProxy: TrustRule;
  logger: Logger;
  webRoot: string;
  stats(): Promise<HealthResponse>;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  app.use(requireAllowedHost(deps.hostRule));

  app.get('/healthz', async (_req, res) => {
    const health = await deps.stats();
    res.status(health.ok ? 200 : 503).json(health);
  });

  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  app.use('/api', requireNormalPath, ...apiOrigins(deps.allowedOrigins));
  app.use('/api', apiRoutes(deps).router());
  app.use('/api', (_req, _res, next) => next(new HttpError(404, 'no such API route')));
  serveWebApp(app, deps.webRoot, deps.allowedOrigins);
  app.use(jsonErrors(deps.logger, deps.metrics));
  return app;
}

/** Every `/api` route, declared in one registry (see api/registry.ts and docs/architecture.md). */
function apiRoutes(deps: AppDeps): ApiRegistry {
  const api = new ApiRegistry(deps.policy);
  if (deps.httpFallback) httpSyncRoutes(api, deps.httpSync);
  docsRoutes(api, deps.store, deps.policy);
  docRoutes(api, deps.docs, deps.maxBodyBytes);
  versionRoutes(api, deps.docs);
  fileRoutes(api, deps.files, deps.maxUploadBytes);
  commentRoutes(api, deps.docs.comments);
  openApiRoute(api);
  return api;
}

function jsonErrors(logger: Logger, metrics: Metrics): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    // A refused body that was never read is not drained over a kept-alive socket: the
    // answer goes out and the connection is closed (issue 18).
    if (!req.complete) res.setHeader('Connection', 'close');
    res.once('finish', () => metrics.httpErrors.inc({ status: String(res.statusCode) }));
    if (err instanceof HttpError) {
      logger.warn({ err, code: err.status, path: req.path, ip: req.ip }, err.message);
      res.status(err.status).json({ error: err.message });
      return;
    }
    const status = httpStatusOf(err);
    if (status !== undefined && status < 500) {
      logger.warn({ err, code: status, path: req.path, ip: req.ip }, (err as Error).message);
      res.status(status).json({ error: (err as Error).message });
      return;
    }
    logger.error({ err, path: req.path, ip: req.ip }, 'request failed');
    res.status(500).json({ error: 'internal error' });
  };
}

/** Errors raised by express' own middleware (body parsers) carry a `status`. */
function httpStatusOf(err: unknown): number | undefined {
  if (typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number') {
    return err.status;
  }
  return undefined;
}
