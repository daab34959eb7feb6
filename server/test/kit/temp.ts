import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One parent folder per test process, removed when the process exits. */
let parentDir: string | undefined;
function testParentDir(): string {
  if (!parentDir) {
    const dir = mkdtempSync(join(tmpdir(), 'quire-tests-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    parentDir = dir;
  }
  return parentDir;
}

/** A fresh folder; `remove` deletes it now, else it goes when the test process exits. */
export async function makeTempDir(prefix = 'quire-test-'): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(testParentDir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
