import { SignJWT } from 'jose';

/** A secret for servers started with --auth-secret in browser tests. */
export const TEST_SECRET = 'web-test-secret-0123456789abcdef';

export interface TokenClaims {
  docs: string[];
  access: 'read' | 'write' | 'admin';
  name?: string;
  /** Seconds from now until the token expires. */
  ttlSeconds?: number;
}

/** Signs a token the way an operator's backend would (SPEC: Access). */
export function makeToken({ docs, access, name, ttlSeconds = 3600 }: TokenClaims): Promise<string> {
  return new SignJWT({ docs, access, ...(name === undefined ? {} : { name }) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(name ?? 'test-user')
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(TEST_SECRET));
}
