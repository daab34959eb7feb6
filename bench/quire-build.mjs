// Prepares the Quire server under test as a private snapshot in a temporary folder, so that
// people rebuilding the working tree during a long run cannot change the server between
// two measurements. Two sources:
//   worktree (default): build the working tree (`tsc -b shared server`), copy its dist;
//   head, or a commit id: export that commit (`git archive`) and build that copy, which
//         leaves the working tree and other people's unfinished edits out entirely; an
//         older commit gives a change's "before" figures.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Returns the path of the snapshot's CLI entry (`server/dist/cli/bin.js`). */
export function prepareQuire({ root, snapshot, from, build, log }) {
  rmSync(snapshot, { recursive: true, force: true });
  mkdirSync(snapshot, { recursive: true });
  if (from !== 'worktree') {
    const ref = from === 'head' ? 'HEAD' : from;
    const commit = execFileSync('git', ['-C', root, 'rev-parse', '--short', ref]).toString().trim();
    log(`building Quire from commit ${commit} in ${snapshot}`);
    const archive = execFileSync('git', ['-C', root, 'archive', commit, 'tsconfig.base.json', 'shared', 'server'], {
      maxBuffer: 256 * 1024 * 1024,
    });
    execFileSync('tar', ['-x', '-C', snapshot], { input: archive });
    linkDependencies(join(root, 'node_modules'), join(snapshot, 'node_modules'));
    runTsc(root, [join(snapshot, 'shared'), join(snapshot, 'server')], log, true);
  } else {
    if (build) runTsc(root, ['shared', 'server'], log, false);
    for (const pkg of ['server', 'shared']) {
      mkdirSync(join(snapshot, pkg), { recursive: true });
      cpSync(join(root, pkg, 'package.json'), join(snapshot, pkg, 'package.json'));
      cpSync(join(root, pkg, 'dist'), join(snapshot, pkg, 'dist'), { recursive: true });
    }
    linkDependencies(join(root, 'node_modules'), join(snapshot, 'node_modules'));
  }
  const entry = join(snapshot, 'server/dist/cli/bin.js');
  if (!existsSync(entry)) throw new Error(`no Quire build at ${entry}`);
  return entry;
}

function runTsc(root, projects, log, isFatal) {
  log(`npx tsc -b ${projects.join(' ')}`);
  const result = spawnSync('npx', ['tsc', '-b', ...projects], { cwd: root, encoding: 'utf8' });
  if (result.status === 0) return;
  const output = (result.stdout + result.stderr).trim().split('\n').slice(-8).join('\n');
  if (isFatal) throw new Error(`building Quire failed:\n${output}`);
  log(`WARNING: the build reported errors; using whatever server/dist holds:\n${output}`);
}

/** Every installed package is shared by symlink, except our own workspaces. */
function linkDependencies(from, to) {
  mkdirSync(join(to, '@quire'), { recursive: true });
  for (const name of readdirSync(from)) {
    if (name === '@quire' || name === '.bin' || name.startsWith('.')) continue;
    symlinkSync(join(from, name), join(to, name));
  }
  symlinkSync('../../shared', join(to, '@quire/shared'));
  symlinkSync('../../server', join(to, '@quire/server'));
}
