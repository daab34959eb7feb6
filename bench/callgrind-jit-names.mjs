// Names the JavaScript functions in a callgrind file of a Node server: callgrind knows JIT
// code only by address, and `node --perf-basic-prof` writes where V8 put each function
// (/tmp/perf-<pid>.map, "start size name" in hex). Code moved or freed later may leave a
// stale name on an address; the newest entry for a start address wins.
// Usage: node bench/callgrind-jit-names.mjs /tmp/perf-PID.map CALLGRIND_FILE OUT_FILE
import { readFileSync, writeFileSync } from 'node:fs';

const [mapFile, inFile, outFile] = process.argv.slice(2);
if (!outFile) {
  process.stderr.write('usage: node bench/callgrind-jit-names.mjs PERF_MAP CALLGRIND_FILE OUT_FILE\n');
  process.exit(2);
}
const byStart = new Map();
for (const line of readFileSync(mapFile, 'utf8').split('\n')) {
  const match = /^([0-9a-f]+) ([0-9a-f]+) (.*)$/.exec(line);
  if (match) byStart.set(parseInt(match[1], 16), { size: parseInt(match[2], 16), name: match[3] });
}
const starts = [...byStart.keys()].sort((a, b) => a - b);

function nameAt(address) {
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (starts[middle] <= address) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  if (found < 0) return undefined;
  const { size, name } = byStart.get(starts[found]);
  return address < starts[found] + size ? name : undefined;
}

let named = 0;
let unnamed = 0;
const text = readFileSync(inFile, 'utf8').replace(/\((\d+)\) 0x([0-9a-f]+)(?=\n)/g, (whole, id, hex) => {
  const name = nameAt(parseInt(hex, 16));
  if (name === undefined) {
    unnamed++;
    return whole;
  }
  named++;
  return `(${id}) ${name.replace(/\s+/g, '_')}@${hex.replace(/^0+/, '')}`;
});
writeFileSync(outFile, text);
process.stderr.write(`named ${named} functions, ${unnamed} left as addresses\n`);
