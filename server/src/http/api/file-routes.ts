import { z } from 'zod';
import { IMAGE_TYPES, type FileService } from '../../documents/file-service.js';
import type { ApiRegistry } from './registry.js';
import { docNameSchema, docParams, errorAnswer } from './schemas.js';

/**
 * A document's files (SPEC: Files (images)). Uploads need write access, a declared image
 * type and at most --max-upload-bytes (413 from the declared length before reading, and
 * while reading a body that does not declare it). Reads need read access, from a bearer
 * token or, on this route only, `?token=`, so an `<img>` can show the file: the answer
 * carries the sniffed type, `nosniff` and a sandbox policy, and may be kept a year by the
 * browser (the URL names the content).
 */
const CACHE_FOR_SECONDS = 365 * 24 * 3600;

const uploadSchema = z.object({
  id: z.string().meta({ description: 'sha256 of the bytes, hex' }),
  url: z.string().meta({ description: '/api/docs/<encoded name>/files/<id>' }),
  type: z.string(),
  size: z.number().int(),
});
const fileParams = z.object({ name: docNameSchema, id: z.string().meta({ description: 'From the upload answer' }) });
const tokenQuery = z.object({
  token: z.string().optional().meta({ description: 'The access token, for an <img> that cannot send headers' }),
});

export function fileRoutes(api: ApiRegistry, files: FileService, maxUploadBytes: number): void {
  uploadRoute(api, files, maxUploadBytes);
  readRoute(api, files);
}

function uploadRoute(api: ApiRegistry, files: FileService, maxUploadBytes: number): void {
  api.add({
    method: 'post',
    path: '/docs/:name/files',
    tag: 'files',
    summary: 'Upload an image (PNG, JPEG, GIF or WebP); the type is sniffed from the bytes',
    params: docParams,
    access: 'write',
    before: [
      async (req, _res, next) => {
        await files.requireDocument(String(req.params.name));
        next();
      },
    ],
    body: { types: IMAGE_TYPES, read: 'binary', maxBytes: maxUploadBytes, description: 'The raw bytes' },
    responses: {
      201: { description: 'Stored (the same bytes give the same id)', content: { 'application/json': uploadSchema } },
      404: errorAnswer('No such document'),
      415: errorAnswer('Not a PNG, JPEG, GIF or WebP image, or not the declared type'),
    },
    async handle({ params, body }, req, res) {
      const bytes = Buffer.isBuffer(body) ? (body as Buffer) : Buffer.alloc(0);
      const declared = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
      res.status(201).json(await files.upload(params.name, new Uint8Array(bytes), declared));
    },
  });
}

function readRoute(api: ApiRegistry, files: FileService): void {
  api.add({
    method: 'get',
    path: '/docs/:name/files/:id',
    tag: 'files',
    summary: 'Read a file of the document, with its sniffed type',
    params: fileParams,
    access: 'read',
    tokenFromQuery: true,
    query: tokenQuery,
    responses: {
      200: { description: 'The bytes', content: Object.fromEntries(IMAGE_TYPES.map((type) => [type, 'binary'])) },
      404: errorAnswer('No such document or file'),
    },
    async handle({ params }, _req, res) {
      const file = await files.read(params.name, params.id);
      res.setHeader('Content-Type', file.info.type);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      res.setHeader('Cache-Control', `private, max-age=${CACHE_FOR_SECONDS}, immutable`);
      res.send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
    },
  });
}
