import { spawn, execFileSync } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LevelStore } from '../src/storage/level-store.js';
import { makeTempDir } from './helpers.js';

/**
 * SPEC: Guarantees, durability step (1): with the relay log, an update is relayed once it is
 * in the log file, before LevelDB has it. `kill -9` then must lose nothing, and a replay of
 * the log must never bring back a deleted document. The writer is a real child process
 * (fixtures/relay-log-writer.mjs, on server/dist) killed with SIGKILL.
 */
const WRITER = fileURLToPath(new URL('./fixtures/relay-log-writer.mjs', import.meta.url));
const dirs: { remove(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => dir.remove()));
});

/** Runs the writer until it says "stored", then kills it with SIGKILL. */
async function writeThenKill(dir: string, scenario: 'held' | 'deleted'): Promise<void> {
  const fifo = join(dir, 'gate.fifo');
  execFileSync('mkfifo', [fifo]);
  const child = spawn(process.execPath, [WRITER, dir, scenario, fifo], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, UV_THREADPOOL_SIZE: '1' },
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('stored')) resolve();
    });
    void exited.then(() => reject(new Error(`writer exited before storing: ${output}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

async function walBytes(dir: string): Promise<number> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.wal'));
  const sizes = await Promise.all(names.map(async (name) => (await stat(join(dir, name))).size));
  return sizes.reduce((sum, size) => sum + size, 0);
}

describe('relay log and kill -9 (SPEC: Guarantees, durability)', () => {
  it('updates written while LevelDB could not write are all there after kill -9 and restart', async () => {
    const temp = await makeTempDir('quire-relay-crash-');
    dirs.push(temp);
    await writeThenKill(temp.dir, 'held');
    expect(await walBytes(temp.dir)).toBeGreaterThan(0);

    const store = await LevelStore.open(temp.dir, undefined, 0, true);
    const updates = await store.load('notes');
    expect(updates.map((update) => update[0])).toEqual(Array.from({ length: 50 }, (_, i) => i));
    await store.close();
  });

  it('a document deleted before kill -9 stays deleted when the log is replayed', async () => {
    const temp = await makeTempDir('quire-relay-crash-');
    dirs.push(temp);
    await writeThenKill(temp.dir, 'deleted');
    // The log still holds the document's writes and its deletion: the replay is real.
    expect(await walBytes(temp.dir)).toBeGreaterThan(50 * 8);

    const store = await LevelStore.open(temp.dir, undefined, 0, true);
    expect(await store.exists('notes')).toBe(false);
    expect([...((await store.deletedClocks('notes')) ?? [])]).toEqual([9]);
    expect(await store.load('notes')).toEqual([]);
    await store.close();
  });
});
