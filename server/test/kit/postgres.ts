import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './redis.js';

/**
 * A real Postgres (the Debian package's binaries) in a temporary folder on a random
 * loopback port, for the `--postgres` suites. Postgres refuses to run as root, so when the
 * tests run as root the cluster is created and run as the `postgres` user (runuser), in
 * a folder given to that user. fsync stays on, as in production.
 */
const run = promisify(execFile);

function findBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

const BIN_DIR = findBinDir();
const IS_ROOT = process.getuid?.() === 0;
const HAS_POSTGRES_USER = spawnSync('id', ['-u', 'postgres']).status === 0;

export const HAS_POSTGRES = BIN_DIR !== undefined && (!IS_ROOT || HAS_POSTGRES_USER);
if (!HAS_POSTGRES)
  console.warn('!!! postgres is not installed: Postgres suites are SKIPPED (apt-get install postgresql) !!!');

export interface TestPostgres {
  /** The server's `postgres` database. */
  url: string;
  /** A new empty database on this server, for a test that needs its own. */
  newDatabase(): Promise<string>;
  /** Stops Postgres (`hard`: immediate shutdown, like a crash), keeping its data. */
  stop(hard?: boolean): Promise<void>;
  start(): Promise<void>;
  remove(): Promise<void>;
}

/** The command line running a Postgres binary, as the postgres user when we are root. */
function pgCommand(name: string, args: string[]): [string, string[]] {
  const program = join(BIN_DIR!, name);
  return IS_ROOT ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
}

async function pgBin(name: string, args: string[]): Promise<void> {
  await run(...pgCommand(name, args), { cwd: tmpdir() });
}

export async function startPostgres(): Promise<TestPostgres> {
  if (!HAS_POSTGRES) throw new Error('postgres is not installed');
  const dir = await mkdtemp(join(tmpdir(), 'quire-pg-'));
  if (IS_ROOT) {
    const uid = Number(spawnSync('id', ['-u', 'postgres']).stdout.toString());
    const gid = Number(spawnSync('id', ['-g', 'postgres']).stdout.toString());
    await chown(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  // --no-sync only speeds up initdb itself; the server below syncs as usual.
  await pgBin('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir}`;
  const start = (): Promise<void> =>
    pgBin('pg_ctl', ['start', '-w', '-D', data, '-l', join(dir, 'log'), '-o', options]);
  const stop = async (hard = false): Promise<void> => {
    await pgBin('pg_ctl', ['stop', '-w', '-D', data, '-m', hard ? 'immediate' : 'fast']).catch(() => undefined);
  };
  await start();
  // pg_ctl runs Postgres on its own: stop it even if the test process ends without `remove`.
  const stopAtExit = (): void => {
    spawnSync(...pgCommand('pg_ctl', ['stop', '-D', data, '-m', 'immediate']), { cwd: tmpdir() });
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopAtExit);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let databases = 0;
  return {
    url,
    newDatabase: async () => {
      const name = `quire_test_${++databases}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop,
    start,
    remove: async () => {
      process.off('exit', stopAtExit);
      await stop(true);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
