/**
 * The options that fit Quire into other systems (issue 24): the auth callback, trusted
 * proxies and webhooks; rows of the one table in server-options.ts.
 */
import { parseCount } from './option-parsers.js';
import {
  formatTrustProxy,
  parseHttpUrl,
  parseHttpUrlList,
  parseTrustProxy,
  parseWebhookSecret,
} from './integration-parsers.js';
import { option } from './option-spec.js';

export const INTEGRATION_OPTIONS = [
  option({
    key: 'authUrl',
    flag: '--auth-url',
    env: 'AUTH_URL',
    default: undefined,
    help: 'ask this URL who may do what: POSTs { docName, token, cookie, origin } for every upgrade and /api request; see docs/auth.md',
    parse: parseHttpUrl,
  }),
  option({
    key: 'authCacheSeconds',
    flag: '--auth-cache-seconds',
    env: 'AUTH_CACHE_SECONDS',
    default: 30,
    help: 'keep each --auth-url answer for N seconds per credential and document; 0 = ask every time',
    parse: parseCount,
  }),
  option({
    key: 'trustProxy',
    flag: '--trust-proxy',
    env: 'TRUST_PROXY',
    default: undefined,
    format: formatTrustProxy,
    help: 'believe X-Forwarded-For/-Proto from these proxies: a hop count, or a comma list of addresses/CIDRs (loopback, 10.0.0.0/8); none = ignore those headers',
    parse: parseTrustProxy,
  }),
  option({
    key: 'webhookUrls',
    flag: '--webhook-url',
    env: 'WEBHOOK_URL',
    default: [],
    help: 'comma list of URLs that get signed document events (needs --webhook-secret); see docs/webhooks.md',
    parse: parseHttpUrlList,
  }),
  option({
    key: 'webhookSecret',
    flag: '--webhook-secret',
    env: 'WEBHOOK_SECRET',
    default: undefined,
    help: 'Standard Webhooks signing secret (whsec_ and base64 of 24 to 64 bytes)',
    parse: parseWebhookSecret,
  }),
  option({
    key: 'webhookDebounceMs',
    flag: '--webhook-debounce-ms',
    env: 'WEBHOOK_DEBOUNCE_MS',
    default: 2000,
    help: 'send document.changed N ms after the last change of a burst (at most 10 s after its first change)',
    parse: parseCount,
  }),
] as const;
