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
import { commentRoutes } from './api/comment-routes.js';
import { httpSyncRoutes, type HttpSyncDeps } from './api/http-sync-routes.js';
import type { DocService } from '../documents/doc-service.js';
import type { Metrics } from '../observability/metrics.js';

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
  policy: AccessPolicy;
  metrics: Metrics;
  allowedOrigins: readonly string[];
  hostRule: HostRule;
  logger: Logger;
  webRoot: string;
  stats(): HealthResponse;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requireAllowedHost(deps.hostRule));

  app.get('/healthz', (_req, res) => {
    const health = deps.stats();
    res.status(health.ok ? 200 : 503).json(health);
  });

  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  app.use('/api', requireNormalPath, ...apiOrigins(deps.allowedOrigins));
  if (deps.httpFallback) app.use('/api', httpSyncRoutes(deps.httpSync));
  app.use('/api', docsRoutes(deps.store, deps.policy));
  app.use('/api', docRoutes(deps.docs, deps.policy, deps.maxBodyBytes));
  app.use('/api', versionRoutes(deps.docs, deps.policy));
  app.use('/api', commentRoutes(deps.docs.comments, deps.policy));
  app.use('/api', (_req, _res, next) => next(new HttpError(404, 'no such API route')));
  serveWebApp(app, deps.webRoot, deps.allowedOrigins);
  app.use(jsonErrors(deps.logger, deps.metrics));
  return app;
}

function jsonErrors(logger: Logger, metrics: Metrics): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    // A refused body that was never read is not drained over a kept-alive socket: the
    // answer goes out and the connection is closed (issue 18).
    if (!req.complete) res.setHeader('Connection', 'close');
    res.once('finish', () => metrics.httpErrors.inc({ status: String(res.statusCode) }));
    if (err instanceof HttpError) {
      logger.warn({ err, code: err.status, path: req.path }, err.message);
      res.status(err.status).json({ error: err.message });
      return;
    }
    const status = httpStatusOf(err);
    if (status !== undefined && status < 500) {
      logger.warn({ err, code: status, path: req.path }, (err as Error).message);
      res.status(status).json({ error: (err as Error).message });
      return;
    }
    logger.error({ err, path: req.path }, 'request failed');
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
