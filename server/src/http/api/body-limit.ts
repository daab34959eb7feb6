import type { RequestHandler } from 'express';
import { HttpError } from '../../errors.js';

/**
 * Bodies are read last (issue 18): a route's access check and its target come first, and a
 * body whose declared length is over `limitBytes` gets 413 before a byte of it is read.
 * The error handler then closes the connection instead of draining what is left.
 */
export function refuseLargeBody(limitBytes: number): RequestHandler {
  return (req, _res, next) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    next(declared > limitBytes ? new HttpError(413, 'body larger than the server accepts') : undefined);
  };
}
