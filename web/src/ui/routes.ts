import { docNameFromPath } from '@quire/shared';
import { encodeDocPath } from '../collab/server-url.js';

/** The two pages of the app (SPEC: Web): `/` and `/d/<docName>`. */
export type Route = { kind: 'list' } | { kind: 'doc'; docName: string } | { kind: 'invalid'; reason: string };

const DOC_PREFIX = '/d/';

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { kind: 'list' };
  if (!pathname.startsWith(DOC_PREFIX)) return { kind: 'invalid', reason: 'There is no page here.' };
  const check = docNameFromPath(pathname.slice(DOC_PREFIX.length));
  return check.ok ? { kind: 'doc', docName: check.docName } : { kind: 'invalid', reason: check.reason };
}

export function docHref(docName: string): string {
  return DOC_PREFIX + encodeDocPath(docName);
}
