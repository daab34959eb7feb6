import type { RequestHandler } from 'express';
import { HttpError } from '../errors.js';

/**
 * Request paths as the client sent them (issue 18). `new URL()` normalises a path: it
 * drops `.` and `..` segments (also written `%2e`), turns `\` into `/` and escapes some
 * characters, so `/team/./secret` would quietly open `team/secret`. Names are read from
 * the raw path instead, and a path that normalisation would change is refused with 400.
 */
export function rawPathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

export function isNormalPath(rawPath: string): boolean {
  if (!rawPath.startsWith('/')) return false;
  try {
    return new URL(rawPath, 'http://localhost').pathname === rawPath;
  } catch {
    return false;
  }
}

/** Express guard: 400 JSON for a path with dot segments or anything else normalisation changes. */
export const requireNormalPath: RequestHandler = (req, _res, next) => {
  next(isNormalPath(rawPathOf(req.originalUrl)) ? undefined : new HttpError(400, 'path is not in normal form'));
};
