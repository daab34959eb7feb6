// Prepares the Quire server under test as a private snapshot in a temporary folder, so that
// people rebuilding the working tree during a long run cannot change the server between
// two measurements. Two sources:
//   worktree (default): build the working tree (`tsc -b shared server`), copy its dist;
//   head, or a commit id: export that commit (`git archive`) and build that copy, which
//         leaves the working tree and other people's unfinished edits out entirely; an
//         older commit gives a change's "before" figures.
// The browser scenario also needs the editor's page: prepareWeb builds web/ (vite) from the
// same source into the snapshot's web/dist, where the snapshot's server looks for it.
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

/**
 * Puts a build of the editor's page into the snapshot (`web/dist`); returns whether there is
 * one. worktree: builds the working tree's web/ into the snapshot (or, with build off or a
 * failed build, copies web/dist as it is); a commit: builds that commit's web/ in the snapshot.
 */
export function prepareWeb({ root, snapshot, from, build, log }) {
  const outDir = join(snapshot, 'web/dist');
  if (from !== 'worktree') return buildCommitWeb({ root, snapshot, from, outDir, log });
  if (build && runVite(root, join(root, 'web'), outDir, log)) return true;
  if (!existsSync(join(root, 'web/dist/index.html'))) return false;
  log('using web/dist as it is');
  cpSync(join(root, 'web/dist'), outDir, { recursive: true });
  return true;
}

/** That commit's web/ exported next to its server and built there; false (logged) if that fails. */
function buildCommitWeb({ root, snapshot, from, outDir, log }) {
  try {
    const ref = from === 'head' ? 'HEAD' : from;
    const archive = execFileSync('git', ['-C', root, 'archive', ref, 'web'], { maxBuffer: 256 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', snapshot], { input: archive });
  } catch (err) {
    log(`WARNING: exporting web/ of ${from} failed: ${err.message}`);
    return false;
  }
  if (existsSync(join(root, 'web/node_modules'))) {
    symlinkSync(join(root, 'web/node_modules'), join(snapshot, 'web/node_modules'));
  }
  return runVite(root, join(snapshot, 'web'), outDir, log);
}

function runVite(root, webDir, outDir, log) {
  log(`vite build ${webDir} --outDir ${outDir}`);
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    {
      cwd: webDir,
      encoding: 'utf8',
    },
  );
  if (result.status === 0 && existsSync(join(outDir, 'index.html'))) return true;
  const output = (result.stdout + result.stderr).trim().split('\n').slice(-8).join('\n');
  log(`WARNING: building the web page failed:\n${output}`);
  return false;
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
