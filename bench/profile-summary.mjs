// Prints where a V8 CPU profile (node --cpu-prof, e.g. from `npm run bench -- --profile`)
// spends its time: self time per function and per package, top entries first.
// Usage: node bench/profile-summary.mjs FILE.cpuprofile [--top 25] [--window FROM:TO]
// --window keeps only samples taken in that CLOCK_MONOTONIC range in microseconds, as the
// bench records it per run (`profileWindow` in the results JSON).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' }, window: { type: 'string' } },
});
const [fromUs, toUs] = values.window ? values.window.split(':').map(Number) : [-Infinity, Infinity];
if (positionals.length === 0) {
  process.stderr.write('usage: node bench/profile-summary.mjs FILE.cpuprofile [--top N]\n');
  process.exit(2);
}

for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const top = Number(values.top);
  const intervals = profile.timeDeltas ?? [];
  const nodeById = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += intervals[i] ?? 0;
    if (at < fromUs || at > toUs) return;
    selfMs.set(id, (selfMs.get(id) ?? 0) + (intervals[i] ?? 0) / 1000);
  });
  const total = [...selfMs.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map();
  const byPackage = new Map();
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber } = nodeById.get(id).callFrame;
    const where = shorten(url);
    const key = `${functionName || '(anonymous)'}  ${where}${where ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    const pkg = packageOf(url, functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
  }
  process.stdout.write(`\n${file}: ${total.toFixed(0)} ms sampled\n\nself time by package:\n`);
  print(byPackage, total, top);
  process.stdout.write('\nself time by function:\n');
  print(byFunction, total, top);
}

function print(map, total, top) {
  const rows = [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [key, ms] of rows) {
    process.stdout.write(`${ms.toFixed(0).padStart(8)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${key}\n`);
  }
}

function shorten(url) {
  if (!url) return '';
  const at = url.lastIndexOf('node_modules/');
  if (at >= 0) return url.slice(at + 'node_modules/'.length);
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(url.lastIndexOf('/', dist - 1) + 1) : url.replace(/^file:\/\//, '');
}

function packageOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const at = url.lastIndexOf('node_modules/');
  if (at >= 0) {
    const parts = url.slice(at + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  return url.includes('/server/dist/') ? 'quire server' : url.includes('/shared/dist/') ? 'quire shared' : url;
}
