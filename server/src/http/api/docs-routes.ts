import type { DocListResponse } from '@quire/shared';
import type { AccessPolicy } from '../../auth/access.js';
import type { DocStore } from '../../storage/doc-store.js';
import { userOf } from '../api-auth.js';
import type { ApiRegistry } from './registry.js';
import { docListSchema } from './schemas.js';

/**
 * `GET /api/docs` (SPEC: HTTP): every stored document with its size and last change,
 * newest first. An admin token sees all; other tokens see the documents they cover.
 */
export function docsRoutes(api: ApiRegistry, store: DocStore, policy: AccessPolicy): void {
  api.add({
    method: 'get',
    path: '/docs',
    tag: 'documents',
    summary: 'List the documents the token can see, newest change first',
    access: 'read',
    responses: { 200: { description: 'The documents', content: { 'application/json': docListSchema } } },
    async handle(_input, _req, res) {
      const user = userOf(res);
      const docs = (await store.list()).filter((doc) => policy.canSee(user, doc.name));
      docs.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      const body: DocListResponse = { docs };
      res.json(body);
    },
  });
}
