import type { Response } from 'express';
import type { ApiResponse } from './registry.js';
import { errorAnswer, renderedContent, type Format } from './schemas.js';

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
export function sendRendered(res: Response, format: Format, body: Uint8Array | string | object): void {
  res.setHeader('Content-Type', CONTENT_TYPES[format]);
  if (format === 'html') res.setHeader('Content-Security-Policy', 'sandbox');
  if (body instanceof Uint8Array) res.send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  else if (typeof body === 'string') res.send(body);
  else res.send(JSON.stringify(body));
}

/** The errors of a conversion through headless Lexical on a worker thread. */
export const conversionErrors: Record<number, ApiResponse> = {
  413: errorAnswer('The conversion needs more than its memory limit'),
  422: errorAnswer('The content is nested too deeply to convert'),
  503: errorAnswer('The conversion took longer than --content-timeout-seconds, or too many are waiting'),
};

/** The answers of a route that renders a document or version. */
export function renderedResponses(what: string): Record<number, ApiResponse> {
  return {
    200: { description: `The ${what} in the asked format`, content: renderedContent },
    404: errorAnswer(`No such ${what}`),
    ...conversionErrors,
  };
}
