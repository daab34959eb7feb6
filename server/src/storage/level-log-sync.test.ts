import { mkdtemp, readdir, readlink, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LevelLogSync } from './level-log-sync.js';

/** Files of `dir` this process holds open (Linux: /proc/self/fd). */
async function openFilesIn(dir: string): Promise<string[]> {
  const targets = await Promise.all(
    (await readdir('/proc/self/fd')).map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')),
  );
  return targets
    .filter((target) => target.startsWith(`${dir}/`))
    .map((target) => target.slice(dir.length + 1))
    .sort();
}

let dir: string;
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform !== 'linux')('syncing LevelDB log files (SPEC: Guarantees)', () => {
  it('syncs every log file, picks up new ones, lets go of deleted ones and of all at close', async () => {
    dir = await mkdtemp(join(tmpdir(), 'quire-log-sync-'));
    for (const name of ['000003.log', '000005.log', 'MANIFEST-000002', '000004.ldb']) {
      await writeFile(join(dir, name), 'x');
    }
    const sync = new LevelLogSync(dir);
    await sync.sync();
    // An old log LevelDB closed without syncing is synced as well as the current one.
    expect(await openFilesIn(dir)).toEqual(['000003.log', '000005.log']);

    await unlink(join(dir, '000003.log'));
    await writeFile(join(dir, '000007.log'), 'x');
    await sync.sync();
    // A deleted log's space is not held: its handle is closed.
    expect(await openFilesIn(dir)).toEqual(['000005.log', '000007.log']);

    await sync.close();
    expect(await openFilesIn(dir)).toEqual([]);
  });
});
