import { describe, expect, it } from 'vitest';
import { resolveServerOptions } from './config.js';

describe('Postgres and grace options (SPEC: Cluster mode, Guarantees)', () => {
  it('takes --postgres from the flag or DATABASE_URL, as a postgres:// or postgresql:// URL only', () => {
    const fromEnv = resolveServerOptions({}, { DATABASE_URL: 'postgresql://quire@db/quire' });
    expect(fromEnv.ok && fromEnv.options.postgresUrl).toBe('postgresql://quire@db/quire');
    const fromFlag = resolveServerOptions({ postgresUrl: 'postgres://a@b/c' }, { DATABASE_URL: 'postgres://x@y/z' });
    expect(fromFlag.ok && fromFlag.options.postgresUrl).toBe('postgres://a@b/c');
    const wrong = resolveServerOptions({ postgresUrl: 'mysql://db/quire' }, { DATABASE_URL: 'not a url' });
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.errors.join('\n')).toMatch(/--postgres: must start with postgres:\/\//);
    expect(resolveServerOptions({}, { DATABASE_URL: 'nope' }).ok).toBe(false);
  });

  it('unloads after 30 s unless --unload-grace-seconds or UNLOAD_GRACE_SECONDS says otherwise', () => {
    const defaults = resolveServerOptions({}, {});
    expect(defaults.ok && defaults.options.unloadGraceSeconds).toBe(30);
    const fromEnv = resolveServerOptions({}, { UNLOAD_GRACE_SECONDS: '5' });
    expect(fromEnv.ok && fromEnv.options.unloadGraceSeconds).toBe(5);
    expect(resolveServerOptions({ unloadGraceSeconds: '-1' }, {}).ok).toBe(false);
  });
});
