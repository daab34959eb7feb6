import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ACCESS_LEVELS, type ServerOptions, type TokenClaims } from '@quire/shared';
import type { Clock } from '../util/clock.js';

/**
 * The auth callback (SPEC: Access, `--auth-url`): for apps that keep their own sessions,
 * Quire asks their backend who a request is. It POSTs `{ docName, token, cookie, origin }`;
 * a 200 answer `{ sub, name?, access, docs }` grants like a token, 401 and 403 are passed
 * on. Anything else (no answer within the timeout, a connection error, a 5xx, an answer
 * that is not that shape) is an outage: 503, never access. Answers (200/401/403) are kept
 * per credential and document for `cacheMs`; while one is being asked, the same question
 * waits for it instead of asking again.
 */
export const AUTH_TIMEOUT_MS = 5_000;
/** Cached answers kept at most; the oldest go first (an attacker's made-up cookies cannot grow memory). */
const MAX_CACHED = 10_000;
/** Sessions granted by the callback last as long as their connection (no token expiry). */
const SESSION_SECONDS = 10 * 365 * 24 * 3600;

export interface Credentials {
  token: string | undefined;
  cookie: string | undefined;
  origin: string | undefined;
}

export type AuthAnswer = { ok: true; user: TokenClaims } | { ok: false; status: 401 | 403 | 503; reason: string };

const grantSchema = z.object({
  sub: z.string().min(1).max(256),
  name: z.string().max(256).optional(),
  access: z.enum(ACCESS_LEVELS),
  docs: z.array(z.string().min(1).max(600)).max(1000),
});

export interface AuthCallbackOptions {
  url: string;
  cacheMs: number;
  clock: Clock;
  logger: Logger;
  timeoutMs?: number;
}

interface Cached {
  answer: Promise<AuthAnswer>;
  /** When the answer stops counting; undefined while it is being asked. */
  expiresAt: number | undefined;
}

export class AuthCallback {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly options: AuthCallbackOptions) {}

  /** Who `credentials` are, for `docName` (undefined: a call not about one document, e.g. the list). */
  ask(credentials: Credentials, docName: string | undefined): Promise<AuthAnswer> {
    const key = cacheKey(credentials, docName);
    const now = this.options.clock.now();
    const cached = this.cache.get(key);
    if (cached && (cached.expiresAt === undefined || cached.expiresAt > now)) return cached.answer;
    const entry: Cached = { answer: this.fetchAnswer(credentials, docName), expiresAt: undefined };
    this.remember(key, entry);
    void entry.answer.then((answer) => {
      const isFinal = answer.ok || answer.status !== 503;
      if (isFinal && this.options.cacheMs > 0) entry.expiresAt = this.options.clock.now() + this.options.cacheMs;
      else if (this.cache.get(key) === entry) this.cache.delete(key);
    });
    return entry.answer;
  }

  private remember(key: string, entry: Cached): void {
    this.cache.delete(key);
    this.cache.set(key, entry);
    if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
  }

  private async fetchAnswer(credentials: Credentials, docName: string | undefined): Promise<AuthAnswer> {
    const timeout = new AbortController();
    const timer = this.options.clock.setTimeout(() => timeout.abort(), this.options.timeoutMs ?? AUTH_TIMEOUT_MS);
    try {
      return await this.post(credentials, docName, timeout.signal);
    } finally {
      this.options.clock.clear(timer);
    }
  }

  private async post(credentials: Credentials, docName: string | undefined, signal: AbortSignal): Promise<AuthAnswer> {
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ docName: docName ?? null, ...nullsFor(credentials) }),
        signal,
      });
    } catch (err) {
      return this.outage({ err }, 'the auth service did not answer');
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      return { ok: false, status: response.status, reason: 'refused by the auth service' };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      return this.outage({ status: response.status }, `the auth service answered ${response.status}`);
    }
    const grant = grantSchema.safeParse(await response.json().catch(() => undefined));
    if (!grant.success)
      return this.outage({ issues: grant.error.issues.length }, 'the auth service answer is malformed');
    const exp = Math.floor(this.options.clock.now() / 1000) + SESSION_SECONDS;
    return { ok: true, user: { ...grant.data, exp } };
  }

  private outage(fields: Record<string, unknown>, message: string): AuthAnswer {
    this.options.logger.error(fields, message);
    return { ok: false, status: 503, reason: 'auth service unavailable' };
  }
}

/** The callback `--auth-url` asks for, if set. */
export function authCallbackFor(
  options: Pick<ServerOptions, 'authUrl' | 'authCacheSeconds'>,
  clock: Clock,
  logger: Logger,
): AuthCallback | undefined {
  if (options.authUrl === undefined) return undefined;
  return new AuthCallback({ url: options.authUrl, cacheMs: options.authCacheSeconds * 1000, clock, logger });
}

function nullsFor(credentials: Credentials): Record<keyof Credentials, string | null> {
  return { token: credentials.token ?? null, cookie: credentials.cookie ?? null, origin: credentials.origin ?? null };
}

/** A hash, so the cache never holds credentials in the clear. */
function cacheKey(credentials: Credentials, docName: string | undefined): string {
  const parts = [credentials.token, credentials.cookie, credentials.origin, docName];
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}
