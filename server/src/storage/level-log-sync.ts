import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The sync step of the LevelDB store (SPEC: Guarantees, durability): makes every write
 * LevelDB has finished so far survive a crash of the machine. Writes go to LevelDB without
 * `sync`, so they sit in its write-ahead log files (`NNNNNN.log`) in the operating system's
 * cache. A LevelDB write with `sync: true` would fsync only the current log file, but when
 * the memtable fills LevelDB starts a new log file and closes the old one without syncing
 * it; until the old memtable is flushed to a (synced) table file, a sync write to the new
 * log would leave the old log's tail unsynced. So this syncs every log file in the folder
 * itself, outside LevelDB's write queue, which also lets writes (and relaying) go on during
 * the fsync. A log file deleted meanwhile was already flushed into a synced table file.
 */
const LOG_FILE = /^\d+\.log$/;

export class LevelLogSync {
  /** Log files whose directory entries are known to be synced. */
  private known = new Set<string>();

  constructor(private readonly dir: string) {}

  /** Resolves once every write LevelDB finished before the call is on disk. */
  async sync(): Promise<void> {
    const logs = (await readdir(this.dir)).filter((name) => LOG_FILE.test(name));
    await Promise.all(logs.map((name) => syncFile(join(this.dir, name))));
    // A new log file's name must reach the disk too, or a crash could lose the whole file.
    if (logs.some((name) => !this.known.has(name))) {
      await syncFile(this.dir);
      this.known = new Set(logs);
    }
  }
}

async function syncFile(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
