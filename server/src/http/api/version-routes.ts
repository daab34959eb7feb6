import express, { Router } from 'express';
import { z } from 'zod';
import type { VersionListResponse } from '@quire/shared';
import type { AccessPolicy } from '../../auth/access.js';
import type { DocService } from '../../documents/doc-service.js';
import { HttpError } from '../../errors.js';
import { requireAccess, userOf } from '../api-auth.js';
import { refuseLargeBody } from './body-limit.js';
import { checkNameParam, docNameOf, formatOf, sendRendered } from './doc-name-param.js';

/**
 * Named versions (SPEC: HTTP): save the current state under a label, list, render one,
 * and restore one as a new change that live editors follow.
 */
const VERSION_BODY_BYTES = 16 * 1024;
const newVersionSchema = z.object({ label: z.string().trim().min(1).max(200) });

export function versionRoutes(docs: DocService, policy: AccessPolicy): Router {
  const router = Router();
  router.use('/docs/:name/versions', checkNameParam);

  router.get('/docs/:name/versions', requireAccess(policy, 'read'), async (req, res) => {
    const body: VersionListResponse = { versions: await docs.listVersions(docNameOf(req.params)) };
    res.json(body);
  });

  router.post(
    '/docs/:name/versions',
    requireAccess(policy, 'write'),
    refuseLargeBody(VERSION_BODY_BYTES),
    express.json({ limit: VERSION_BODY_BYTES, type: () => true }),
    async (req, res) => {
      const parsed = newVersionSchema.safeParse(req.body);
      if (!parsed.success) throw new HttpError(400, 'body must be JSON like { "label": "Draft 1" }');
      const version = await docs.createVersion(docNameOf(req.params), parsed.data.label, userOf(res));
      res.status(201).json(version);
    },
  );

  router.get('/docs/:name/versions/:id', requireAccess(policy, 'read'), async (req, res) => {
    const format = formatOf(req.query);
    sendRendered(res, format, await docs.renderVersion(docNameOf(req.params), String(req.params.id), format));
  });

  router.post('/docs/:name/versions/:id/restore', requireAccess(policy, 'write'), async (req, res) => {
    await docs.restoreVersion(docNameOf(req.params), String(req.params.id), userOf(res));
    res.json({ ok: true });
  });
  return router;
}
