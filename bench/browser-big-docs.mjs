// `npm run bench:browser`: a big document in the real editor (issue 19, deliverable 5), on its
// own; `npm run bench` runs the same measurement as its `browser` scenario. A Quire server
// (the working tree's server/dist and web/dist: run `npm run build` first) gets the final text
// of a real editing trace as plain text, one paragraph per line; then Chromium
// (/usr/bin/chromium) opens it while a peer (a Node Yjs client) types into it.
//   --trace NAME       automerge-paper (default, ~105k characters) or seph-blog1 (~57k)
//   --keystrokes N     keystrokes timed (default 100)
//   --paste-kb N       size of the plain-text paste (default 500)
//   --profile PREFIX   write CPU profiles of the page while the keystrokes and the paste are
//                      timed, PREFIX-keys.cpuprofile and PREFIX-paste.cpuprofile (summarize
//                      with node bench/profile-summary.mjs FILE)
// Prints open, keystroke and paste times and memory against the targets. Not a test:
// figures depend on the machine and on what else runs on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchBrowser, measureBigDoc, traceText, TARGETS } from './browser/big-doc.mjs';
import { startServer } from './servers.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { values: flags } = parseArgs({
  options: {
    trace: { type: 'string', default: 'automerge-paper' },
    keystrokes: { type: 'string', default: '100' },
    'paste-kb': { type: 'string', default: '500' },
    profile: { type: 'string' },
  },
});

async function main() {
  const text = traceText(root, flags.trace);
  const dataDir = mkdtempSync(join(tmpdir(), 'quire-browser-bench-'));
  const server = await startServer({
    kind: 'quire',
    entries: { quire: join(root, 'server/dist/cli/bin.js') },
    dataDir,
    logFile: join(dataDir, 'quire.log'),
  });
  const browser = await launchBrowser();
  try {
    process.stderr.write(`document: ${text.length} characters, ${text.split('\n').length} lines (${flags.trace})\n`);
    const result = await measureBigDoc({
      server,
      browser,
      name: `big-${Date.now()}`,
      text,
      keystrokes: Number(flags.keystrokes),
      pasteKb: Number(flags['paste-kb']),
      profilePrefix: flags.profile,
    });
    report(result);
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(r) {
  const rows = [
    ['open until editable', `${r.openMs.toFixed(0)} ms`, `≤ ${TARGETS.openMs} ms`, r.openMs <= TARGETS.openMs],
    ['keystroke p50', `${r.keystrokeP50Ms.toFixed(1)} ms`, '', true],
    [
      'keystroke p95',
      `${r.keystrokeP95Ms.toFixed(1)} ms`,
      `≤ ${TARGETS.keystrokeP95Ms} ms`,
      r.keystrokeP95Ms <= TARGETS.keystrokeP95Ms,
    ],
    [
      `paste ${flags['paste-kb']} KB`,
      `${r.pasteMs.toFixed(0)} ms`,
      `≤ ${TARGETS.pasteMs} ms`,
      r.pasteMs <= TARGETS.pasteMs,
    ],
    ['JS heap after open', `${r.openHeapMiB.toFixed(0)} MiB`, '', true],
    ['JS heap after paste', `${r.pasteHeapMiB.toFixed(0)} MiB`, '', true],
  ];
  for (const [what, value, target, ok] of rows) {
    console.log(
      `${what.padEnd(22)} ${value.padStart(10)}  ${target.padEnd(10)} ${target === '' ? '' : ok ? 'ok' : 'MISSED'}`,
    );
  }
  console.log(`(${r.keystrokesTimed} keystrokes timed while the peer typed ${r.peerTyped} characters)`);
}

await main();
