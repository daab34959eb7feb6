import { mkdtemp, readdir, readlink, rm, unlink, utimes, writeFile } from 'node:fs/promises';
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

  it('lists the folder again only when its modification time has changed since it settled', async () => {
    dir = await mkdtemp(join(tmpdir(), 'quire-log-sync-'));
    await writeFile(join(dir, '000003.log'), 'x');
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(dir, longAgo, longAgo);
    const sync = new LevelLogSync(dir);
    await sync.sync();
    // A file slipped in with the folder's time put back is not looked for: the folder is not listed.
    await writeFile(join(dir, '000004.log'), 'x');
    await utimes(dir, longAgo, longAgo);
    await sync.sync();
    expect(await openFilesIn(dir)).toEqual(['000003.log']);
    // A file created the normal way changes the folder's time: the next sync finds both.
    await writeFile(join(dir, '000005.log'), 'x');
    await sync.sync();
    expect(await openFilesIn(dir)).toEqual(['000003.log', '000004.log', '000005.log']);
    await sync.close();
  });

  it('keeps listing a folder that changed within the last seconds, even when its time reads the same', async () => {
    dir = await mkdtemp(join(tmpdir(), 'quire-log-sync-'));
    await writeFile(join(dir, '000003.log'), 'x');
    const justNow = new Date(Date.now() - 1_000);
    await utimes(dir, justNow, justNow);
    const sync = new LevelLogSync(dir);
    await sync.sync();
    // As on a file system whose clock ticks coarsely: a new file, the folder's time unchanged.
    await writeFile(join(dir, '000004.log'), 'x');
    await utimes(dir, justNow, justNow);
    await sync.sync();
    expect(await openFilesIn(dir)).toEqual(['000003.log', '000004.log']);
    await sync.close();
  });
});
