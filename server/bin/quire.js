#!/usr/bin/env node
// `quire`, as npm links it into node_modules/.bin. The command line itself is compiled
// TypeScript (dist/cli/bin.js), which a fresh clone does not have: npm only links a bin
// whose file exists at install time, so this small launcher lives in git. In a source
// checkout it brings the compiled server up to date first (`tsc -b`, incremental: a
// fraction of a second when nothing changed), so `npx quire …` works right after
// `npm install` and never runs code older than the sources.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli/bin.js', import.meta.url);
const project = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

function typescriptCompiler() {
  try {
    return createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

function buildFromSource(tsc) {
  const built = existsSync(fileURLToPath(cli));
  if (!built) process.stderr.write('quire: compiling the server (first run)…\n');
  // Compiler messages go to stderr: stdout stays the command's own (`quire token` prints a token).
  const result = spawnSync(process.execPath, [tsc, '-b', project], { stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    process.stderr.write('quire: compiling the server failed (messages above)\n');
    process.exit(1);
  }
}

const tsc = existsSync(project) ? typescriptCompiler() : undefined;
if (tsc !== undefined) buildFromSource(tsc);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('quire: the server is not built; run `npm run build` in the Quire folder first\n');
  process.exit(1);
}
await import(cli.href);
