import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import type { TrustProxy } from '@quire/shared';

/**
 * Who the client is behind reverse proxies (SPEC: Access, `--trust-proxy`). The address of
 * the TCP peer is the client unless that peer is a trusted proxy; then `X-Forwarded-For` is
 * read from the right, hop by hop, for as long as each hop is trusted (proxy-addr, the
 * library express uses, so WebSocket upgrades and express requests follow one rule). With
 * no `--trust-proxy` the forwarded headers are never believed: anyone can send them.
 */
export type TrustRule = (address: string, hop: number) => boolean;

const TRUST_NOBODY: TrustRule = () => false;

/** Compiles `--trust-proxy`; throws a TypeError naming an entry proxy-addr cannot read. */
export function trustRuleOf(trust: TrustProxy | undefined): TrustRule {
  if (trust === undefined) return TRUST_NOBODY;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return proxyaddr.compile(trust);
}

/** The client's address: the socket's peer, or what trusted proxies say it is. */
export function clientAddressOf(req: IncomingMessage, trust: TrustRule): string {
  if (req.socket.remoteAddress === undefined) return 'unknown';
  return proxyaddr(req, trust);
}

/** Proxy entries the address library cannot read (the option table checks only their shape). */
export function trustProxyProblems(options: { trustProxy: TrustProxy | undefined }, name: string): string[] {
  try {
    trustRuleOf(options.trustProxy);
    return [];
  } catch (err) {
    return [`${name}: ${(err as Error).message}`];
  }
}
