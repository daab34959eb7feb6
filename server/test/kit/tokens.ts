import { SignJWT } from 'jose';

/** The secret test servers started with `authSecret: TEST_SECRET` check tokens against. */
export const TEST_SECRET = 'test-secret-0123456789abcdef';

export interface TokenClaims {
  /** Signing secret; another one makes a token with a wrong signature. */
  secret?: string;
  docs?: string[];
  access?: 'read' | 'comment' | 'write' | 'admin';
  /** The user id; the display `name` when not given, else 'test-user'. */
  sub?: string;
  name?: string;
  /** Seconds from now until the token expires; negative for one already expired. */
  ttl?: number;
  /** Seconds from now before which the token is not valid yet. */
  notBefore?: number;
}

/** Signs a token the way an operator's backend would (SPEC: Access), HS256. */
export function makeToken({
  secret = TEST_SECRET,
  docs = ['*'],
  access = 'write',
  name,
  sub = name ?? 'test-user',
  ttl = 3600,
  notBefore,
}: TokenClaims = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ docs, access, ...(name === undefined ? {} : { name }) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime(now + ttl);
  if (notBefore !== undefined) jwt.setNotBefore(now + notBefore);
  return jwt.sign(new TextEncoder().encode(secret));
}

/** A token with `alg: none` and no signature, which must never be accepted. */
export function unsignedToken(): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'x', docs: ['*'], access: 'admin', exp: 9999999999 })}.`;
}
