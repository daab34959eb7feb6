import { z } from 'zod';
import type { VersionInfo, VersionListResponse } from '@quire/shared';
import type { DocService } from '../../documents/doc-service.js';
import { userOf } from '../api-auth.js';
import type { ApiRegistry } from './registry.js';
import { conversionErrors, renderedResponses, sendRendered } from './rendered.js';
import {
  docNameSchema,
  docParams,
  errorAnswer,
  formatQuery,
  okSchema,
  versionInfoSchema,
  versionListSchema,
} from './schemas.js';

/**
 * Named versions (SPEC: HTTP): save the current state under a label, list, render one,
 * and restore one as a new change that live editors follow.
 */
const VERSION_BODY_BYTES = 16 * 1024;
const newVersionSchema = z.object({ label: z.string().trim().min(1).max(200) });
const versionParams = z.object({
  name: docNameSchema,
  id: z.string().meta({ description: 'A version id from the list' }),
});

export function versionRoutes(api: ApiRegistry, docs: DocService): void {
  listRoute(api, docs);
  createRoute(api, docs);
  readRoute(api, docs);
  restoreRoute(api, docs);
}

function listRoute(api: ApiRegistry, docs: DocService): void {
  api.add({
    method: 'get',
    path: '/docs/:name/versions',
    tag: 'versions',
    summary: 'List the named versions, oldest first',
    params: docParams,
    access: 'read',
    responses: {
      200: { description: 'The versions', content: { 'application/json': versionListSchema } },
      404: errorAnswer('No such document'),
    },
    async handle({ params }, _req, res) {
      const body: VersionListResponse = { versions: await docs.listVersions(params.name) };
      res.json(body);
    },
  });
}

function createRoute(api: ApiRegistry, docs: DocService): void {
  api.add({
    method: 'post',
    path: '/docs/:name/versions',
    tag: 'versions',
    summary: 'Save the current state under a label',
    params: docParams,
    access: 'write',
    body: {
      types: ['application/json'],
      // JSON whatever its Content-Type, as it always was.
      anyType: true,
      read: 'json',
      maxBytes: VERSION_BODY_BYTES,
      schema: newVersionSchema,
      invalid: 'body must be JSON like { "label": "Draft 1" }',
    },
    responses: {
      201: { description: 'The version', content: { 'application/json': versionInfoSchema } },
      404: errorAnswer('No such document'),
    },
    async handle({ params, body }, _req, res) {
      const version: VersionInfo = await docs.createVersion(params.name, body.label, userOf(res));
      res.status(201).json(version);
    },
  });
}

function readRoute(api: ApiRegistry, docs: DocService): void {
  api.add({
    method: 'get',
    path: '/docs/:name/versions/:id',
    tag: 'versions',
    summary: 'Read a version in any format',
    params: versionParams,
    access: 'read',
    query: formatQuery,
    responses: renderedResponses('version'),
    async handle({ params, query }, _req, res) {
      sendRendered(res, query.format, await docs.renderVersion(params.name, params.id, query.format));
    },
  });
}

function restoreRoute(api: ApiRegistry, docs: DocService): void {
  api.add({
    method: 'post',
    path: '/docs/:name/versions/:id/restore',
    tag: 'versions',
    summary: 'Make the live document equal to a version, as a new change',
    params: versionParams,
    access: 'write',
    responses: {
      200: { description: 'Restored', content: { 'application/json': okSchema } },
      404: errorAnswer('No such document or version'),
      ...conversionErrors,
    },
    async handle({ params }, _req, res) {
      await docs.restoreVersion(params.name, params.id, userOf(res));
      res.json({ ok: true });
    },
  });
}
