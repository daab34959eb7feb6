import express, { Router } from 'express';
import type { AccessPolicy } from '../../auth/access.js';
import type { DocService } from '../../documents/doc-service.js';
import { HttpError, ProtocolError } from '../../errors.js';
import { checkUpdate } from '../../protocol/decode.js';
import { requireAccess, userOf } from '../api-auth.js';
import { refuseLargeBody } from './body-limit.js';
import { checkNameParam, docNameOf, formatOf, sendRendered } from './doc-name-param.js';

/**
 * One document over HTTP (SPEC: HTTP): read it in any format, change it with a binary
 * Yjs update or with Markdown/HTML, delete it. Names containing `/` are sent encoded
 * (`/api/docs/team%2Fnotes`). Bodies are limited to --max-message-bytes (413 beyond) and
 * read only once the token has been checked.
 */
export function docRoutes(docs: DocService, policy: AccessPolicy, maxBodyBytes: number): Router {
  const router = Router();
  router.use('/docs/:name', checkNameParam);

  router.get('/docs/:name', requireAccess(policy, 'read'), async (req, res) => {
    const format = formatOf(req.query);
    sendRendered(res, format, await docs.render(docNameOf(req.params), format));
  });

  router.post(
    '/docs/:name/updates',
    requireAccess(policy, 'write'),
    requireContentType('application/octet-stream'),
    refuseLargeBody(maxBodyBytes),
    express.raw({ type: () => true, limit: maxBodyBytes }),
    async (req, res) => {
      const update = bodyBytes(req.body);
      try {
        checkUpdate(update);
      } catch (err) {
        throw err instanceof ProtocolError ? new HttpError(400, 'body is not a valid Yjs update') : err;
      }
      await docs.applyUpdate(docNameOf(req.params), update, userOf(res));
      res.json({ ok: true });
    },
  );

  router.put(
    '/docs/:name',
    requireAccess(policy, 'write'),
    requireContentType('text/markdown', 'text/html', 'text/plain'),
    refuseLargeBody(maxBodyBytes),
    express.text({ type: () => true, limit: maxBodyBytes }),
    async (req, res) => {
      const name = docNameOf(req.params);
      const body = typeof req.body === 'string' ? req.body : '';
      const created = await docs.replaceContent(name, body, req.is('text/html') ? 'html' : 'markdown');
      res.status(created ? 201 : 200).json({ ok: true });
    },
  );

  router.delete('/docs/:name', requireAccess(policy, 'admin'), async (req, res) => {
    await docs.delete(docNameOf(req.params));
    res.status(204).end();
  });
  return router;
}

function requireContentType(...types: string[]): express.RequestHandler {
  return (req, _res, next) => {
    next(req.is(types) ? undefined : new HttpError(415, `Content-Type must be ${types.join(' or ')}`));
  };
}

function bodyBytes(body: unknown): Uint8Array {
  if (!Buffer.isBuffer(body) || body.byteLength === 0) throw new HttpError(400, 'empty body');
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}
