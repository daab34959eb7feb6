/**
 * Parsers for the options that connect Quire to other systems (SPEC: Webhooks, Access):
 * webhook URLs and secret, the auth callback URL, trusted proxies. Like the other option
 * parsers, each returns the value or throws an Error saying what was expected.
 */

/** `TRUST_PROXY`: how many proxies in front, or which addresses/CIDRs are proxies. */
export type TrustProxy = number | string[];

export function parseHttpUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`"${raw}" is not a URL like https://example.com/hook`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`must start with http:// or https://, got "${raw}"`);
  }
  return raw.trim();
}

export function parseHttpUrlList(raw: string): string[] {
  const urls = raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  if (urls.length === 0) throw new Error('must name at least one URL');
  return urls.map(parseHttpUrl);
}

/** A Standard Webhooks secret: `whsec_` and base64 of 24 to 64 random bytes. */
export function parseWebhookSecret(raw: string): string {
  const match = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(raw.trim());
  const bytes = match?.[1] === undefined ? 0 : Math.floor((match[1].replace(/=+$/, '').length * 3) / 4);
  if (!match || bytes < 24 || bytes > 64) {
    throw new Error('must be a Standard Webhooks secret: whsec_ followed by base64 of 24 to 64 bytes');
  }
  return raw.trim();
}

/** Named ranges proxy-addr knows, besides addresses and CIDRs. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * A hop count (`1`) or a comma list of proxy addresses, CIDRs (`10.0.0.0/8`, `fd00::/8`)
 * and the names `loopback`, `linklocal`, `uniquelocal`. Only the shape is checked here; the
 * server checks each entry with the address library when it starts.
 */
export function parseTrustProxy(raw: string): TrustProxy {
  const value = raw.trim();
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > 32) throw new Error(`a hop count must be from 1 to 32, got "${raw}"`);
    return hops;
  }
  const entries = value
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part.length > 0);
  if (entries.length === 0) throw new Error('must be a hop count or a comma list of proxy addresses');
  for (const entry of entries) {
    if (!NAMED_RANGES.includes(entry) && !/^[0-9a-f.:]+(\/\d{1,3}|\/[0-9.]+)?$/.test(entry)) {
      throw new Error(`"${entry}" is not an address, a CIDR like 10.0.0.0/8, or loopback/linklocal/uniquelocal`);
    }
  }
  return entries;
}

export function formatTrustProxy(value: TrustProxy): string {
  return typeof value === 'number' ? String(value) : value.join(',');
}
