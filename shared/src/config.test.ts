import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SERVER_OPTIONS,
  SERVER_OPTIONS,
  checkServerOptions,
  defaultTextOf,
  resolveServerOptions,
} from './config.js';
import { formatByteSize, parseByteSize, parseHostList, parseOriginList, parsePort } from './option-parsers.js';

describe('server options (SPEC: Server)', () => {
  it('uses the documented defaults when nothing is set', () => {
    const result = resolveServerOptions({}, {});
    expect(result).toEqual({
      ok: true,
      options: expect.objectContaining({
        port: 1234,
        host: 'localhost',
        dataDir: './data',
        maxMessageBytes: 16 * 1024 * 1024,
        maxUploadBytes: 10 * 1024 * 1024,
        commitIntervalMs: 10,
        syncBeforeRelay: false,
        unloadGraceSeconds: 30,
        logLevel: 'info',
      }),
    });
  });

  it('flags win over environment variables', () => {
    const result = resolveServerOptions({ port: '4000' }, { PORT: '5000', HOST: '0.0.0.0' });
    expect(result.ok && result.options.port).toBe(4000);
    expect(result.ok && result.options.host).toBe('0.0.0.0');
  });

  it('takes the commit interval from the flag or COMMIT_INTERVAL_MS; 0 syncs each write at once', () => {
    const fromEnv = resolveServerOptions({}, { COMMIT_INTERVAL_MS: '0' });
    expect(fromEnv.ok && fromEnv.options.commitIntervalMs).toBe(0);
    const fromFlag = resolveServerOptions({ commitIntervalMs: '12' }, { COMMIT_INTERVAL_MS: '0' });
    expect(fromFlag.ok && fromFlag.options.commitIntervalMs).toBe(12);
    expect(resolveServerOptions({ commitIntervalMs: '2.5' }, {}).ok).toBe(false);
  });

  it('takes --sync-before-relay and --unload-grace-seconds from flags or SYNC_BEFORE_RELAY and UNLOAD_GRACE_SECONDS', () => {
    const fromEnv = resolveServerOptions({}, { SYNC_BEFORE_RELAY: 'on', UNLOAD_GRACE_SECONDS: '5' });
    expect(fromEnv.ok && fromEnv.options.syncBeforeRelay).toBe(true);
    expect(fromEnv.ok && fromEnv.options.unloadGraceSeconds).toBe(5);
    const fromFlag = resolveServerOptions(
      { syncBeforeRelay: 'off', unloadGraceSeconds: '0' },
      { SYNC_BEFORE_RELAY: 'on' },
    );
    expect(fromFlag.ok && fromFlag.options.syncBeforeRelay).toBe(false);
    expect(fromFlag.ok && fromFlag.options.unloadGraceSeconds).toBe(0);
    expect(resolveServerOptions({ unloadGraceSeconds: '-1' }, {}).ok).toBe(false);
    expect(resolveServerOptions({}, { SYNC_BEFORE_RELAY: 'maybe' }).ok).toBe(false);
  });

  it('reports every bad value at once, naming its source', () => {
    const result = resolveServerOptions(
      { port: '-1', logLevel: 'loud' },
      { MAX_MESSAGE_BYTES: '12 parsecs', AUTH_SECRET: 'short' },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(4);
    expect(result.errors.join('\n')).toMatch(/--port[\s\S]*AUTH_SECRET[\s\S]*MAX_MESSAGE_BYTES[\s\S]*--log-level/);
  });

  it('parses ports, sizes and origins', () => {
    expect(parsePort('0')).toBe(0);
    expect(() => parsePort('65536')).toThrow();
    expect(() => parsePort('12ab')).toThrow();
    expect(parseByteSize('64KiB')).toBe(65536);
    expect(parseByteSize('16 MiB')).toBe(16 * 1024 * 1024);
    expect(parseByteSize('2048')).toBe(2048);
    expect(() => parseByteSize('12')).toThrow('between');
    expect(parseOriginList('https://a.example.com, http://localhost:5173/')).toEqual([
      'https://a.example.com',
      'http://localhost:5173',
    ]);
    expect(() => parseOriginList('https://a.example.com/path')).toThrow('not an origin');
  });

  it('takes --allowed-hosts as a comma list of host names without ports (issue 18)', () => {
    const fromEnv = resolveServerOptions({}, { ALLOWED_HOSTS: 'Quire.Example.com, ::1,[::1], 10.0.0.7' });
    expect(fromEnv.ok && fromEnv.options.allowedHosts).toEqual(['quire.example.com', '[::1]', '[::1]', '10.0.0.7']);
    const defaults = resolveServerOptions({}, {});
    expect(defaults.ok && defaults.options.allowedHosts).toEqual([]);
    expect(parseHostList('*')).toEqual(['*']);
    expect(() => parseHostList('quire.example.com:443')).toThrow('no port');
    expect(() => parseHostList('http://quire.example.com')).toThrow('not a host name');
    expect(() => parseHostList(' , ')).toThrow('at least one');
  });

  it('takes every default from the table, written in --help as a user would type it', () => {
    const byKey = new Map(SERVER_OPTIONS.map((spec) => [spec.key, spec]));
    for (const spec of SERVER_OPTIONS) expect(DEFAULT_SERVER_OPTIONS[spec.key]).toEqual(spec.default);
    const textOf = (key: keyof typeof DEFAULT_SERVER_OPTIONS): string => defaultTextOf(byKey.get(key)!);
    expect([textOf('maxMessageBytes'), textOf('maxBytesPerSecond'), textOf('port')]).toEqual(['16MiB', '8MiB', '1234']);
    expect([textOf('authSecret'), textOf('allowedOrigins'), textOf('httpFallback')]).toEqual(['none', 'none', 'on']);
    for (const spec of SERVER_OPTIONS) {
      const text = defaultTextOf(spec);
      if (text !== 'none') expect(spec.parse(text)).toEqual(spec.default);
    }
  });

  it('writes byte sizes back the way they are read', () => {
    expect(formatByteSize(16 * 1024 * 1024)).toBe('16MiB');
    expect(formatByteSize(64 * 1024)).toBe('64KiB');
    expect(formatByteSize(1500)).toBe('1500');
  });

  it('checks options given as values with the same parsers, reporting every problem by key', () => {
    const good = checkServerOptions({ port: 0, allowedOrigins: ['https://a.example.com/'], httpFallback: false });
    expect(good.ok && [good.options.port, good.options.allowedOrigins, good.options.httpFallback]).toEqual([
      0,
      ['https://a.example.com'],
      false,
    ]);
    const bad = checkServerOptions({ port: 70000, maxMessageBytes: 12, authSecret: 'short', tlsCert: 'cert.pem' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors).toHaveLength(4);
    expect(bad.errors.join('\n')).toMatch(/port[\s\S]*authSecret[\s\S]*maxMessageBytes[\s\S]*tlsCert and tlsKey/);
  });
});
