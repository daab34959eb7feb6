import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * `npx quire` right after `npm install` in a fresh clone (issue 24): npm links a bin only
 * when its file exists at install time, so the bin must be a file kept in git, not the
 * compiled CLI. .ci/run runs `npx quire` on its clean clone; this keeps the wiring honest.
 */
const SERVER = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${SERVER}package.json`, 'utf8')) as { bin: Record<string, string> };
const launcher = pkg.bin.quire ?? '';

describe('the quire bin (SPEC: Server, npx quire)', () => {
  it('is an executable file kept in git', () => {
    const entry = execFileSync('git', ['ls-files', '--stage', '--', launcher], { cwd: SERVER, encoding: 'utf8' });
    expect(entry, `${launcher} is not in git`).toMatch(/^100755 /);
  });

  it('runs the command line: --help, and token printing only the token on stdout', () => {
    const help = spawnSync(process.execPath, [launcher, '--help'], { cwd: SERVER, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: quire');
    const token = spawnSync(
      process.execPath,
      [launcher, 'token', '--secret', 'launcher-secret-0123456789', '--docs', '*'],
      {
        cwd: SERVER,
        encoding: 'utf8',
      },
    );
    expect(token.status).toBe(0);
    expect(token.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });
});
