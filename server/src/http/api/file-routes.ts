import express, { Router } from 'express';
import type { AccessPolicy } from '../../auth/access.js';
import { IMAGE_TYPES, type FileService } from '../../documents/file-service.js';
import { HttpError } from '../../errors.js';
import { bearerOrQueryToken, requireAccess } from '../api-auth.js';
import { refuseLargeBody } from './body-limit.js';
import { checkNameParam, docNameOf } from './doc-name-param.js';

/**
 * A document's files (SPEC: Files (images)). Uploads need write access, a declared image
 * type and at most --max-upload-bytes (413 from the declared length before reading, and
 * while reading a body that does not declare it). Reads need read access, from a bearer
 * token or, on this route only, `?token=`, so an `<img>` can show the file: the answer
 * carries the sniffed type, `nosniff` and a sandbox policy, and may be kept a year by the
 * browser (the URL names the content).
 */
const CACHE_FOR_SECONDS = 365 * 24 * 3600;

export function fileRoutes(files: FileService, policy: AccessPolicy, maxUploadBytes: number): Router {
  const router = Router();
  router.use('/docs/:name/files', checkNameParam);

  router.post(
    '/docs/:name/files',
    requireAccess(policy, 'write'),
    (req, _res, next) => {
      next(req.is([...IMAGE_TYPES]) ? undefined : new HttpError(415, `Content-Type must be ${IMAGE_TYPES.join(', ')}`));
    },
    async (req, _res, next) => {
      await files.requireDocument(docNameOf(req.params));
      next();
    },
    refuseLargeBody(maxUploadBytes),
    express.raw({ type: () => true, limit: maxUploadBytes }),
    async (req, res) => {
      const body = Buffer.isBuffer(req.body) ? (req.body as Buffer) : Buffer.alloc(0);
      const declared = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
      const answer = await files.upload(docNameOf(req.params), new Uint8Array(body), declared);
      res.status(201).json(answer);
    },
  );

  router.get('/docs/:name/files/:id', requireAccess(policy, 'read', bearerOrQueryToken), async (req, res) => {
    const file = await files.read(docNameOf(req.params), String(req.params.id));
    res.setHeader('Content-Type', file.info.type);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', `private, max-age=${CACHE_FOR_SECONDS}, immutable`);
    res.send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
  });
  return router;
}
