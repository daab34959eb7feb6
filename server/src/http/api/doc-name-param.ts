import type { RequestHandler } from 'express';
import { checkDocName } from '@quire/shared';
import { HttpError } from '../../errors.js';
import { RENDER_FORMATS, type RenderFormat } from '../../content/formats.js';

/** Rejects `:name` values that are not valid document names (SPEC: WebSocket names). */
export const checkNameParam: RequestHandler = (req, _res, next) => {
  const name = req.params.name;
  const check = checkDocName(typeof name === 'string' ? name : '');
  next(check.ok ? undefined : new HttpError(400, check.reason));
};

export function docNameOf(params: Record<string, unknown>): string {
  return String(params.name);
}

const FORMATS = ['yjs', ...RENDER_FORMATS] as const;
export type Format = RenderFormat | 'yjs';

export function formatOf(query: unknown): Format {
  const format = (query as { format?: unknown }).format ?? 'json';
  const known = FORMATS.find((candidate) => candidate === format);
  if (!known) throw new HttpError(400, `unknown format; use one of ${FORMATS.join(', ')}`);
  return known;
}

const CONTENT_TYPES: Record<Format, string> = {
  yjs: 'application/octet-stream',
  json: 'application/json',
  text: 'text/plain; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/**
 * Sends a rendered document with the content type of its format. HTML holds what people
 * typed; opened straight from this origin it is sandboxed (no scripts, an origin of its own).
 */
export function sendRendered(
  res: import('express').Response,
  format: Format,
  body: Uint8Array | string | object,
): void {
  res.setHeader('Content-Type', CONTENT_TYPES[format]);
  if (format === 'html') res.setHeader('Content-Security-Policy', 'sandbox');
  if (body instanceof Uint8Array) res.send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  else if (typeof body === 'string') res.send(body);
  else res.send(JSON.stringify(body));
}
