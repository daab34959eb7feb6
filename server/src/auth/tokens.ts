import { z } from 'zod';
import { ACCESS_LEVELS, type AccessLevel, type TokenClaims } from '@quire/shared';

/**
 * Access tokens (SPEC: Access): JWTs signed with HS256 and verified by jose. Only HS256
 * is accepted (so `alg: none` or an asymmetric algorithm can never pass), `exp` is
 * required, `nbf` honoured, and the custom claims are checked for shape.
 */
const claimsSchema = z.object({
  sub: z.string().min(1).max(256),
  name: z.string().max(256).optional(),
  docs: z.array(z.string().min(1).max(600)).min(1).max(1000),
  access: z.enum(ACCESS_LEVELS),
  exp: z.number(),
});

/** jose, loaded with the first token: a server without `--auth-secret` never pays for it. */
let jose: Promise<typeof import('jose')> | undefined;
const loadJose = (): Promise<typeof import('jose')> => (jose ??= import('jose'));

export type TokenCheck = { ok: true; user: TokenClaims } | { ok: false; reason: string };

export function secretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function verifyToken(key: Uint8Array, token: string): Promise<TokenCheck> {
  const { errors: joseErrors, jwtVerify } = await loadJose();
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key, { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] }));
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) return { ok: false, reason: 'token expired' };
    if (err instanceof joseErrors.JWTClaimValidationFailed) return { ok: false, reason: `token ${err.message}` };
    return { ok: false, reason: 'invalid token' };
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) return { ok: false, reason: 'token claims are malformed' };
  return { ok: true, user: claims.data };
}

export interface NewToken {
  sub: string;
  name?: string;
  docs: string[];
  access: AccessLevel;
  /** Lifetime as jose understands it: `90s`, `30m`, `1h`, `7d`. */
  ttl: string;
}

export async function signToken(key: Uint8Array, token: NewToken): Promise<string> {
  const { SignJWT } = await loadJose();
  const claims: Record<string, unknown> = { docs: token.docs, access: token.access };
  if (token.name !== undefined) claims.name = token.name;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(token.sub)
    .setIssuedAt()
    .setExpirationTime(token.ttl)
    .sign(key);
}
