/**
 * The library's published type declarations compile in a consumer project (issue 7):
 * web/test/consumer imports `@quire/web` through the package's `exports` with full
 * checking of the declarations (`skipLibCheck: false`), including examples/react.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CONSUMER = fileURLToPath(new URL('./consumer/tsconfig.json', import.meta.url));
const TYPES = fileURLToPath(new URL('../dist/lib/types/embed/index.d.ts', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describe('the published library types (SPEC: Web › Embedding)', () => {
  it('compile in a consumer project that uses CollaborativeEditor and mountEditor', () => {
    expect(existsSync(TYPES), `${TYPES} is missing: run \`npm run build\` first`).toBe(true);
    const result = spawnSync(process.execPath, [TSC, '-p', CONSUMER], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
