// Starts a private Postgres for the cluster-postgres scenario: the Debian package's
// binaries (initdb, pg_ctl) on a data folder of its own, loopback only, on a port we
// picked, with Postgres' default durability (fsync and synchronous commit on). Postgres
// refuses to run as root, so as root it runs as the postgres user, in a folder given to it.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuSeconds } from './proc-stats.mjs';
import { freePort, HOST } from './servers.mjs';

const ROOT = '/usr/lib/postgresql';

function binDir() {
  if (!existsSync(ROOT)) return undefined;
  const versions = readdirSync(ROOT)
    .filter((v) => existsSync(join(ROOT, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(ROOT, versions[0], 'bin');
}

const BIN = binDir();
const IS_ROOT = process.getuid?.() === 0;

export const hasPostgres = () => BIN !== undefined;

function pgBin(name, args) {
  const program = join(BIN, name);
  const [file, argv] = IS_ROOT ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
  execFileSync(file, argv, { cwd: tmpdir(), stdio: 'ignore' });
}

/** Resolves with { url, pid, cpu(), stop() }; cpu() sums the postmaster and its backends. */
export async function startPostgres() {
  // Its own folder under the system tmp: the postgres user cannot enter the bench's private one.
  const dir = mkdtempSync(join(tmpdir(), 'quire-bench-pg-'));
  if (IS_ROOT) {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres']).toString());
    chownSync(dir, id('-u'), id('-g'));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  pgBin('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const options = `-p ${port} -c listen_addresses=${HOST} -k ${dir}`;
  pgBin('pg_ctl', ['start', '-w', '-D', data, '-l', join(dir, 'log'), '-o', options]);
  const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    url: `postgres://postgres@${HOST}:${port}/postgres`,
    pid,
    cpu: () => cpuSeconds(pid) + childrenOf(pid).reduce((sum, child) => sum + cpuSeconds(child), 0),
    stop: async () => {
      try {
        pgBin('pg_ctl', ['stop', '-w', '-D', data, '-m', 'fast']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Pids whose parent is `pid` (Postgres backends and workers). */
function childrenOf(pid) {
  const children = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}
