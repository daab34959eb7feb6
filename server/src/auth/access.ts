import type { AccessLevel, TokenClaims } from '@quire/shared';
import { anyDocMatches } from './doc-patterns.js';
import { verifyToken, type TokenCheck } from './tokens.js';

/**
 * Access decisions (SPEC: Access). Without a secret the server is open and everyone is
 * an admin; with one, every request carries a token naming its documents and level.
 * Pure apart from token verification; HTTP and WebSocket code map the outcome to
 * 401 (no or bad token) and 403 (token for something else).
 */
export type Decision =
  { ok: true; user: TokenClaims | undefined; access: AccessLevel } | { ok: false; status: 401 | 403; reason: string };

const RANK: Record<AccessLevel, number> = { read: 0, comment: 1, write: 2, admin: 3 };

export function hasAccess(granted: AccessLevel, needed: AccessLevel): boolean {
  return RANK[granted] >= RANK[needed];
}

export class AccessPolicy {
  constructor(private readonly key: Uint8Array | undefined) {}

  get isOpen(): boolean {
    return this.key === undefined;
  }

  /** Checks `token` for `docName` (undefined: a request not about one document). */
  async decide(token: string | undefined, docName: string | undefined, needed: AccessLevel): Promise<Decision> {
    if (!this.key) return { ok: true, user: undefined, access: 'admin' };
    if (!token) return { ok: false, status: 401, reason: 'missing token' };
    const check: TokenCheck = await verifyToken(this.key, token);
    if (!check.ok) return { ok: false, status: 401, reason: check.reason };
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
    return !this.key || (user !== undefined && (user.access === 'admin' || anyDocMatches(user.docs, docName)));
  }
}
