/**
 * What an access token lets this page do (issue 5; SPEC: Access). The page decodes the
 * JWT payload only to shape the UI — a `read` token makes the editor read-only, `exp`
 * tells an expired link from a refused one. The signature is never checked here: the
 * server enforces every decision, and a forged payload only changes what the page shows.
 */
export type TokenAccess = 'read' | 'comment' | 'write' | 'admin';

export interface TokenInfo {
  access: TokenAccess;
  /** The user id (`sub`), if any: comments are posted under it. */
  sub?: string;
  /** Display name the issuer put in the token, if any. */
  name?: string;
  /** Expiry in milliseconds since the epoch, if the token has one. */
  expiresAtMs?: number;
}

function decodeBase64Url(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

function isTokenAccess(value: unknown): value is TokenAccess {
  return value === 'read' || value === 'comment' || value === 'write' || value === 'admin';
}

/** Reads the claims the UI cares about; null for anything that is not a readable JWT. */
export function readTokenInfo(token: string): TokenInfo | null {
  const payload = token.split('.')[1];
  if (payload === undefined) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(decodeBase64Url(payload));
  } catch {
    return null;
  }
  if (typeof claims !== 'object' || claims === null) return null;
  const { access, name, exp, sub } = claims as Record<string, unknown>;
  if (!isTokenAccess(access)) return null;
  return {
    access,
    ...(typeof sub === 'string' && sub.length > 0 ? { sub } : {}),
    ...(typeof name === 'string' && name.length > 0 ? { name } : {}),
    ...(typeof exp === 'number' ? { expiresAtMs: exp * 1000 } : {}),
  };
}

/** True when the token (if readable) grants no text edits: `read`, or `comment` (comments only). */
export function isReadOnlyToken(token: string | undefined): boolean {
  const access = token === undefined ? undefined : readTokenInfo(token)?.access;
  return access === 'read' || access === 'comment';
}
