import { describe, expect, it } from 'vitest';
import { resolveServerOptions } from './config.js';
import { parseHttpUrlList, parseTrustProxy, parseWebhookSecret } from './integration-parsers.js';

describe('webhook, auth-url and trust-proxy options (SPEC: Webhooks, Access)', () => {
  it('reads webhook URLs as a comma list of http(s) URLs', () => {
    expect(parseHttpUrlList('https://a.example/hook, http://127.0.0.1:4000/x')).toEqual([
      'https://a.example/hook',
      'http://127.0.0.1:4000/x',
    ]);
    expect(() => parseHttpUrlList('ftp://a.example/')).toThrow('http://');
    expect(() => parseHttpUrlList(' , ')).toThrow('at least one');
  });

  it('takes only Standard Webhooks secrets of 24 to 64 bytes', () => {
    const secret = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
    expect(parseWebhookSecret(secret)).toBe(secret);
    expect(() => parseWebhookSecret('hunter2hunter2hunter2')).toThrow('whsec_');
    expect(() => parseWebhookSecret(`whsec_${Buffer.alloc(8).toString('base64')}`)).toThrow('24 to 64');
  });

  it('reads --trust-proxy as a hop count or a list of addresses, CIDRs and named ranges', () => {
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('loopback, 10.0.0.0/8,fd00::/8')).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8']);
    expect(() => parseTrustProxy('0')).toThrow('hop count');
    expect(() => parseTrustProxy('proxy.example.com')).toThrow('not an address');
  });

  it('requires --webhook-secret with --webhook-url, naming both', () => {
    const result = resolveServerOptions({ webhookUrls: 'https://a.example/hook' }, {});
    expect(result).toEqual({ ok: false, errors: ['--webhook-secret is required with --webhook-url'] });
    const env = {
      WEBHOOK_URL: 'https://a.example/hook',
      WEBHOOK_SECRET: `whsec_${Buffer.alloc(24).toString('base64')}`,
    };
    const ok = resolveServerOptions({}, env);
    expect(ok.ok && ok.options.webhookDebounceMs).toBe(2000);
  });
});
