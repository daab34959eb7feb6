import { Router } from 'express';
import type { DocListResponse } from '@quire/shared';
import type { AccessPolicy } from '../../auth/access.js';
import type { DocStore } from '../../storage/doc-store.js';
import { requireAccess, userOf } from '../api-auth.js';

/**
 * `GET /api/docs` (SPEC: HTTP): every stored document with its size and last change,
 * newest first. An admin token sees all; other tokens see the documents they cover.
 */
export function docsRoutes(store: DocStore, policy: AccessPolicy): Router {
  const router = Router();
  router.get('/docs', requireAccess(policy, 'read'), async (_req, res) => {
    const user = userOf(res);
    const docs = (await store.list()).filter((doc) => policy.canSee(user, doc.name));
    docs.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    const body: DocListResponse = { docs };
    res.json(body);
  });
  return router;
}
