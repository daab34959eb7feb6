import type { AccessLevel, TokenClaims } from '@quire/shared';
import { anyDocMatches } from './doc-patterns.js';
import { verifyToken, type TokenCheck } from './tokens.js';
import type { AuthCallback, Credentials } from './auth-callback.js';

/**
 * Access decisions (SPEC: Access). With neither a secret nor an auth URL the server is
 * open and everyone is an admin. With a secret, a request carries a token naming its
 * documents and level. With an auth URL, the app's backend says who the request is
 * (`AuthCallback`). With both, a token that verifies with the secret is used as it is and
 * the backend is asked about everything else (no token, a token of the app's own, a
 * session cookie). HTTP and WebSocket code map the outcome to 401 (no or bad credentials),
 * 403 (credentials for something else) and 503 (the auth service is down).
 */
export type Decision =
  | { ok: true; user: TokenClaims | undefined; access: AccessLevel }
  | { ok: false; status: 401 | 403 | 503; reason: string };

/** What a request says about its caller besides a token (sent to the auth URL). */
export type RequestContext = Omit<Credentials, 'token'>;

const RANK: Record<AccessLevel, number> = { read: 0, comment: 1, write: 2, admin: 3 };

export function hasAccess(granted: AccessLevel, needed: AccessLevel): boolean {
  return RANK[granted] >= RANK[needed];
}

export class AccessPolicy {
  constructor(
    private readonly key: Uint8Array | undefined,
    private readonly callback?: AuthCallback,
  ) {}

  get isOpen(): boolean {
    return this.key === undefined && this.callback === undefined;
  }

  /** Checks `token` (and, with an auth URL, the request's cookie and origin) for `docName`. */
  async decide(
    token: string | undefined,
    docName: string | undefined,
    needed: AccessLevel,
    context: RequestContext = { cookie: undefined, origin: undefined },
  ): Promise<Decision> {
    if (this.isOpen) return { ok: true, user: undefined, access: 'admin' };
    const check = await this.identify(token, docName, context);
    if (!check.ok) return check;
    const { user } = check;
    if (docName !== undefined && !anyDocMatches(user.docs, docName)) {
      return { ok: false, status: 403, reason: 'token does not cover this document' };
    }
    if (!hasAccess(user.access, needed)) {
      return { ok: false, status: 403, reason: `${needed} access required` };
    }
    return { ok: true, user, access: user.access };
  }

  /** Whether `user` may see `docName` in listings. */
  canSee(user: TokenClaims | undefined, docName: string): boolean {
    return this.isOpen || (user !== undefined && (user.access === 'admin' || anyDocMatches(user.docs, docName)));
  }

  private async identify(
    token: string | undefined,
    docName: string | undefined,
    context: RequestContext,
  ): Promise<{ ok: true; user: TokenClaims } | Extract<Decision, { ok: false }>> {
    let check: TokenCheck | undefined;
    if (this.key && token) {
      check = await verifyToken(this.key, token);
      if (check.ok) return check;
    }
    if (this.callback) return this.callback.ask({ token, ...context }, docName);
    if (!token) return { ok: false, status: 401, reason: 'missing token' };
    return { ok: false, status: 401, reason: check && !check.ok ? check.reason : 'invalid token' };
  }
}
