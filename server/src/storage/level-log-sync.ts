import { statSync } from 'node:fs';
import { open, readdir, type FileHandle } from 'node:fs/promises';
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
 *
 * The folder is listed again only when its modification time has changed since it was last
 * listed: a sync costs one `stat` (on this thread, microseconds) and the fsyncs, not a
 * listing on the thread pool as well. A folder's time changes whenever a file is created
 * or deleted in it, but only as finely as the file system's clock ticks, so an unchanged
 * time is trusted only once it was older than `SETTLED_NS` when the folder was listed: a
 * file created later gets a later time.
 */
const LOG_FILE = /^\d+\.log$/;
/** Longer than any file system's timestamp granularity (ext4: a clock tick; some: 1–2 s). */
const SETTLED_NS = 3_000_000_000n;

export class LevelLogSync {
  /** Open handles of the log files seen so far (fsync works through any handle of a file). */
  private readonly handles = new Map<string, FileHandle>();
  /** The folder's modification time when last listed, once settled (see above). */
  private listedMtimeNs: bigint | undefined;

  constructor(private readonly dir: string) {}

  /** Resolves once every write LevelDB finished before the call is on disk. */
  async sync(): Promise<void> {
    const isNew = await this.refresh();
    await Promise.all([...this.handles.values()].map((handle) => handle.datasync()));
    // A new log file's name must reach the disk too, or a crash could lose the whole file.
    if (isNew) await syncDirectory(this.dir);
  }

  /** Lets go of every handle (the store closes). */
  async close(): Promise<void> {
    const handles = [...this.handles.values()];
    this.handles.clear();
    await Promise.all(handles.map((handle) => handle.close()));
  }

  /** Lists the log files if the folder may have changed since last time; whether any was new. */
  private async refresh(): Promise<boolean> {
    const mtimeNs = statSync(this.dir, { bigint: true }).mtimeNs;
    if (mtimeNs === this.listedMtimeNs) return false;
    const logs = (await readdir(this.dir)).filter((name) => LOG_FILE.test(name));
    const isNew = await this.track(logs);
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    this.listedMtimeNs = nowNs - mtimeNs > SETTLED_NS ? mtimeNs : undefined;
    return isNew;
  }

  /** Opens handles of new log files and closes those of deleted ones; whether any was new. */
  private async track(logs: string[]): Promise<boolean> {
    const current = new Set(logs);
    for (const [name, handle] of this.handles) {
      if (current.has(name)) continue;
      this.handles.delete(name);
      await handle.close();
    }
    let isNew = false;
    for (const name of logs) {
      if (this.handles.has(name)) continue;
      const handle = await openIfPresent(join(this.dir, name));
      if (handle) this.handles.set(name, handle);
      isNew = true;
    }
    return isNew;
  }
}

async function openIfPresent(path: string): Promise<FileHandle | undefined> {
  try {
    return await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
