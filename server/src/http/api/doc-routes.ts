import type { DocService } from '../../documents/doc-service.js';
import { HttpError, ProtocolError } from '../../errors.js';
import { checkUpdate } from '../../protocol/decode.js';
import type { ApiRegistry } from './registry.js';
import { conversionErrors, renderedResponses, sendRendered } from './rendered.js';
import { docParams, errorAnswer, formatQuery, okSchema } from './schemas.js';
import { userOf } from '../api-auth.js';

/**
 * One document over HTTP (SPEC: HTTP): read it in any format, change it with a binary
 * Yjs update or with Markdown/HTML, delete it. Names containing `/` are sent encoded
 * (`/api/docs/team%2Fnotes`). Bodies are limited to --max-message-bytes (413 beyond) and
 * read only once the token has been checked.
 */
export function docRoutes(api: ApiRegistry, docs: DocService, maxBodyBytes: number): void {
  readRoute(api, docs);
  updateRoute(api, docs, maxBodyBytes);
  replaceRoute(api, docs, maxBodyBytes);
  deleteRoute(api, docs);
}

function readRoute(api: ApiRegistry, docs: DocService): void {
  api.add({
    method: 'get',
    path: '/docs/:name',
    tag: 'documents',
    summary: 'Read a document in any format',
    params: docParams,
    access: 'read',
    query: formatQuery,
    responses: renderedResponses('document'),
    async handle({ params, query }, _req, res) {
      sendRendered(res, query.format, await docs.render(params.name, query.format));
    },
  });
}

function updateRoute(api: ApiRegistry, docs: DocService, maxBodyBytes: number): void {
  api.add({
    method: 'post',
    path: '/docs/:name/updates',
    tag: 'documents',
    summary: 'Apply a binary Yjs update; live editors see it at once',
    params: docParams,
    access: 'write',
    body: { types: ['application/octet-stream'], read: 'binary', maxBytes: maxBodyBytes },
    responses: { 200: { description: 'The update is stored', content: { 'application/json': okSchema } } },
    async handle({ params }, req, res) {
      const update = bodyBytes(req.body);
      try {
        checkUpdate(update);
      } catch (err) {
        throw err instanceof ProtocolError ? new HttpError(400, 'body is not a valid Yjs update') : err;
      }
      await docs.applyUpdate(params.name, update, userOf(res));
      res.json({ ok: true });
    },
  });
}

function replaceRoute(api: ApiRegistry, docs: DocService, maxBodyBytes: number): void {
  api.add({
    method: 'put',
    path: '/docs/:name',
    tag: 'documents',
    summary: 'Replace the content with Markdown or HTML, keeping unchanged blocks',
    params: docParams,
    access: 'write',
    body: { types: ['text/markdown', 'text/html', 'text/plain'], read: 'text', maxBytes: maxBodyBytes },
    responses: {
      200: { description: 'The document was replaced', content: { 'application/json': okSchema } },
      201: { description: 'The document was created', content: { 'application/json': okSchema } },
      ...conversionErrors,
    },
    async handle({ params }, req, res) {
      const body = typeof req.body === 'string' ? req.body : '';
      const created = await docs.replaceContent(
        params.name,
        body,
        req.is('text/html') ? 'html' : 'markdown',
        userOf(res),
      );
      res.status(created ? 201 : 200).json({ ok: true });
    },
  });
}

function deleteRoute(api: ApiRegistry, docs: DocService): void {
  api.add({
    method: 'delete',
    path: '/docs/:name',
    tag: 'documents',
    summary: 'Delete a document and its versions; its editors are closed with 4404',
    params: docParams,
    access: 'admin',
    responses: { 204: { description: 'Deleted' }, 404: errorAnswer('No such document') },
    async handle({ params }, _req, res) {
      await docs.delete(params.name);
      res.status(204).end();
    },
  });
}

function bodyBytes(body: unknown): Uint8Array {
  if (!Buffer.isBuffer(body) || body.byteLength === 0) throw new HttpError(400, 'empty body');
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}
