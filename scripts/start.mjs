#!/usr/bin/env node
// `npm start`: build what is out of date (TypeScript incrementally, the web app when its
// sources are newer than its build), then run `quire serve` with any extra arguments.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b']);
// `npx quire` runs the compiled file directly, so it must be executable.
chmodSync(join(root, 'server/dist/cli/bin.js'), 0o755);
const builtAt = newestMtime(join(root, 'web/dist/index.html'));
const sources = [
  'web/src',
  'web/index.html',
  'web/embed.html',
  'web/vite.config.ts',
  'web/vite.embed.config.ts',
  'shared/src',
].map((p) => newestMtime(join(root, p)));
if (builtAt === 0 || Math.max(...sources) > builtAt) run('npm', ['run', 'build', '-w', 'web']);

const server = spawn(process.execPath, [join(root, 'server/dist/cli/bin.js'), 'serve', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
