// Builds the Quire server (`tsc -b shared server`) and freezes the result in a private
// snapshot under bench/results/, so that other people rebuilding the working tree during a
// long run cannot change the server between two measurements.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Returns the path of the snapshot's CLI entry (`server/dist/cli/bin.js`). */
export function prepareQuire({ root, resultsDir, build, log }) {
  if (build) {
    log('building Quire: npx tsc -b shared server');
    const result = spawnSync('npx', ['tsc', '-b', 'shared', 'server'], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) {
      log(`WARNING: the build reported errors; using whatever server/dist holds:\n${tail(result.stdout + result.stderr)}`);
    }
  }
  const builtEntry = join(root, 'server/dist/cli/bin.js');
  if (!existsSync(builtEntry)) throw new Error(`no Quire build at ${builtEntry}; run npx tsc -b shared server`);
  const snapshot = join(resultsDir, 'quire-snapshot');
  rmSync(snapshot, { recursive: true, force: true });
  for (const pkg of ['server', 'shared']) {
    mkdirSync(join(snapshot, pkg), { recursive: true });
    cpSync(join(root, pkg, 'package.json'), join(snapshot, pkg, 'package.json'));
    cpSync(join(root, pkg, 'dist'), join(snapshot, pkg, 'dist'), { recursive: true });
  }
  linkDependencies(join(root, 'node_modules'), join(snapshot, 'node_modules'));
  return join(snapshot, 'server/dist/cli/bin.js');
}

/** Every installed package is shared by symlink, except our own workspaces. */
function linkDependencies(from, to) {
  mkdirSync(join(to, '@quire'), { recursive: true });
  for (const name of readdirSync(from)) {
    if (name === '@quire') continue;
    symlinkSync(join(from, name), join(to, name));
  }
  symlinkSync('../../shared', join(to, '@quire/shared'));
  symlinkSync('../../server', join(to, '@quire/server'));
}

function tail(text) {
  return text.trim().split('\n').slice(-8).join('\n');
}
