import type { RequestHandler } from 'express';
import { HttpError } from '../errors.js';

/**
 * Host checks (SPEC: Access, --allowed-hosts; issue 18). A page on attacker.example can
 * re-point its own name at 127.0.0.1 (DNS rebinding) and then talk to a server on
 * localhost as a "same-origin" page: Origin and Host both say attacker.example, so the
 * origin check cannot tell. The Host header still names the attacker's domain, so only
 * requests naming one of the server's own host names are answered.
 */
export type HostRule = { isAny: true } | { isAny: false; names: ReadonlySet<string> };

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const EVERY_INTERFACE = new Set(['0.0.0.0', '::', '[::]']);

/** The hosts to answer to: `--allowed-hosts`, or else the names of the bound address. */
export function hostRuleFor(bindHost: string, allowedHosts: readonly string[]): HostRule {
  if (allowedHosts.includes('*')) return { isAny: true };
  if (allowedHosts.length > 0) return { isAny: false, names: new Set(allowedHosts) };
  const bound = bracketed(bindHost.toLowerCase());
  if (EVERY_INTERFACE.has(bound)) return { isAny: true };
  if (LOOPBACK_NAMES.includes(bound)) return { isAny: false, names: new Set(LOOPBACK_NAMES) };
  return { isAny: false, names: new Set([bound]) };
}

/** True when the server is open to every host name only because it listens everywhere. */
export function isOpenToAnyHost(bindHost: string, allowedHosts: readonly string[]): boolean {
  return allowedHosts.length === 0 && hostRuleFor(bindHost, allowedHosts).isAny;
}

export function isHostAllowed(hostHeader: string | undefined, rule: HostRule): boolean {
  if (rule.isAny) return true;
  const name = hostNameOf(hostHeader);
  return name !== undefined && rule.names.has(name);
}

/** The name part of a `Host` header (`[::1]:1234` → `[::1]`), lower case, without a trailing dot. */
export function hostNameOf(hostHeader: string | undefined): string | undefined {
  const match = /^(\[[^\]]*\]|[^:]*)(:\d*)?$/.exec((hostHeader ?? '').trim().toLowerCase());
  const name = match?.[1]?.replace(/\.$/, '');
  return name === undefined || name.length === 0 ? undefined : name;
}

/** Express guard: 403 JSON for a request whose Host is not one of the server's names. */
export function requireAllowedHost(rule: HostRule): RequestHandler {
  return (req, _res, next) => {
    next(isHostAllowed(req.headers.host, rule) ? undefined : new HttpError(403, 'host not allowed'));
  };
}

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
