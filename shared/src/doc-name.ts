import { MAX_DOC_NAME_LENGTH } from './protocol.js';

/**
 * Document names (SPEC: WebSocket): the URL-decoded path, 1–512 characters, no control
 * characters. Invisible and direction-changing characters (Unicode format characters such
 * as U+202E or zero-width spaces, line/paragraph separators, lone surrogates, Hangul
 * fillers) count as control characters: they let one name pass for another (issue 18).
 * `.` and `..` segments are refused too, so a name can never look like it
 * escapes a prefix such as `team/*` once a proxy or browser normalises the path. The
 * server checks names before the upgrade; the web app before routing.
 */
const CONTROL_CHARS = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]/u;

export type DocNameCheck = { ok: true; docName: string } | { ok: false; reason: string };

export function checkDocName(docName: string): DocNameCheck {
  if (docName.length === 0) return { ok: false, reason: 'document name is empty' };
  if (docName.length > MAX_DOC_NAME_LENGTH) {
    return { ok: false, reason: `document name is longer than ${MAX_DOC_NAME_LENGTH} characters` };
  }
  if (CONTROL_CHARS.test(docName)) {
    return { ok: false, reason: 'document name contains control or invisible characters' };
  }
  if (docName.split('/').some((segment) => segment === '.' || segment === '..')) {
    return { ok: false, reason: 'document name contains a "." or ".." segment' };
  }
  return { ok: true, docName };
}

/** Decodes a URL path (without query) into a checked document name. */
export function docNameFromPath(pathname: string): DocNameCheck {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname.replace(/^\//, ''));
  } catch {
    return { ok: false, reason: 'document name is not valid percent-encoding' };
  }
  return checkDocName(decoded);
}
