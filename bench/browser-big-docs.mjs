// `npm run bench:browser`: a big document in the real editor (issue 19, deliverable 5).
// A Quire server (the working tree's server/dist and web/dist: run `npm run build` first)
// gets the final text of a real editing trace as plain text, one paragraph per line; then
// Chromium (/usr/bin/chromium) opens it while a peer (a Node Yjs client) types into it.
//   --trace NAME       automerge-paper (default, ~105k characters) or seph-blog1 (~57k)
//   --keystrokes N     keystrokes timed (default 100)
//   --paste-kb N       size of the plain-text paste (default 500)
//   --profile PREFIX   write CPU profiles of the page while the keystrokes and the paste are
//                      timed, PREFIX-keys.cpuprofile and PREFIX-paste.cpuprofile (summarize
//                      with node bench/profile-summary.mjs FILE)
// Prints open, keystroke and paste times and memory against the targets. Not a test:
// figures depend on the machine and on what else runs on it.
// Functions passed to page.evaluate and page.waitForFunction run in the page:
/* global document, window, requestAnimationFrame, DataTransfer, ClipboardEvent */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startServer } from './servers.mjs';
import { percentile } from './stats.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const TARGETS = { openMs: 1500, keystrokeP95Ms: 50, pasteMs: 2000 };
const { values: flags } = parseArgs({
  options: {
    trace: { type: 'string', default: 'automerge-paper' },
    keystrokes: { type: 'string', default: '100' },
    'paste-kb': { type: 'string', default: '500' },
    profile: { type: 'string' },
  },
});
const log = (line) => process.stderr.write(`${line}\n`);

function traceText(name) {
  const file = join(root, 'server/test/fixtures/traces', `${name}.json.gz`);
  return JSON.parse(gunzipSync(readFileSync(file)).toString()).endContent;
}

async function putDocument(server, name, text) {
  const res = await fetch(`${server.httpUrl}/api/docs/${encodeURIComponent(name)}`, {
    method: 'PUT',
    headers: { 'content-type': 'text/plain' },
    body: text,
  });
  if (!res.ok) throw new Error(`PUT ${name}: ${res.status} ${await res.text()}`);
}

/** A peer typing one character every 100 ms at the start of the first paragraph. */
function startPeer(server, name) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.wsUrl, encodeURIComponent(name), doc, { WebSocketPolyfill: WebSocket });
  let typed = 0;
  const timer = setInterval(() => {
    if (!provider.synced) return;
    const first = doc.get('root', Y.XmlText).toDelta()[0]?.insert;
    if (!(first instanceof Y.XmlText) || first.length < 2) return;
    first.insert(1, 'p');
    typed++;
  }, 100);
  return {
    typed: () => typed,
    stop() {
      clearInterval(timer);
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Time from navigation until the whole text is in the page and it can be typed into. */
async function openEditor(page, url, length) {
  const start = performance.now();
  await page.goto(url);
  await page.waitForFunction(
    (min) => {
      const editor = document.querySelector('.q-content[contenteditable="true"]');
      const status = document.querySelector('.q-status[data-connection="connected"]');
      return editor !== null && status !== null && editor.textContent.length >= min;
    },
    length,
    { timeout: 120_000, polling: 20 },
  );
  return performance.now() - start;
}

/** Keystroke to the next frame after the editor handled it, in the page's own clock. */
async function keystrokeLatencies(page, count) {
  const blocks = page.locator('.q-content > *');
  const middle = blocks.nth(Math.floor((await blocks.count()) / 2));
  await middle.scrollIntoViewIfNeeded();
  await middle.click();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    window.__latencies = [];
    document.addEventListener(
      'keydown',
      (event) => {
        const start = event.timeStamp;
        requestAnimationFrame(() => setTimeout(() => window.__latencies.push(performance.now() - start), 0));
      },
      true,
    );
  });
  for (let i = 0; i < count; i++) await page.keyboard.type(i % 6 === 5 ? ' ' : 'k', { delay: 40 });
  await page.waitForFunction((n) => window.__latencies.length >= n, count);
  return page.evaluate(() => window.__latencies);
}

/** Paste of `text` as a browser fires it, until its end shows (checked every frame). */
async function pasteTime(page, text) {
  return page.evaluate(async (pasted) => {
    const marker = pasted.slice(pasted.lastIndexOf('\n') + 1);
    const editor = document.querySelector('.q-content');
    const start = performance.now();
    const transfer = new DataTransfer();
    transfer.setData('text/plain', pasted);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    const shown = () => editor.lastElementChild?.textContent.includes(marker) || editor.textContent.includes(marker);
    while (!shown()) {
      if (performance.now() - start > 60_000) throw new Error('the paste did not show within 60 s');
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - start;
  }, text);
}

async function heapMiB(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return (metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20;
}

/** Runs `work`, recording the page's CPU profile when --profile is given. */
async function profiled(page, phase, work) {
  if (flags.profile === undefined) return work();
  const file = `${flags.profile}-${phase}.cpuprofile`;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  await cdp.detach();
  return result;
}

function pasteText(source, kb) {
  const lines = [];
  let size = 0;
  for (let i = 0; size < kb * 1024; i++) {
    const line = source.slice((i * 311) % (source.length - 200), ((i * 311) % (source.length - 200)) + 120);
    lines.push(line.replace(/\s+/g, ' '));
    size += line.length + 1;
  }
  return `${lines.join('\n')}\nEND-OF-PASTE-${Date.now()}`;
}

async function main() {
  const text = traceText(flags.trace);
  const dataDir = mkdtempSync(join(tmpdir(), 'quire-browser-bench-'));
  const server = await startServer({
    kind: 'quire',
    entries: { quire: join(root, 'server/dist/cli/bin.js') },
    dataDir,
    logFile: join(dataDir, 'quire.log'),
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  let peer;
  try {
    const name = `big-${Date.now()}`;
    await putDocument(server, name, text);
    const blocks = text.split('\n').length;
    log(`document: ${text.length} characters, ${blocks} lines (${flags.trace})`);
    peer = startPeer(server, name);
    const page = await (await browser.newContext({ viewport: { width: 1100, height: 720 } })).newPage();
    const visible = text.replace(/\s+/g, '').length;
    const openMs = await openEditor(page, `${server.httpUrl}/d/${encodeURIComponent(name)}`, visible * 0.95);
    const openHeap = await heapMiB(page);
    const latencies = await profiled(page, 'keys', () => keystrokeLatencies(page, Number(flags.keystrokes)));
    const pasted = pasteText(text, Number(flags['paste-kb']));
    const pasteMs = await profiled(page, 'paste', () => pasteTime(page, pasted));
    const pasteHeap = await heapMiB(page);
    report({ openMs, latencies, pasteMs, openHeap, pasteHeap, peerTyped: peer.typed() });
  } finally {
    peer?.stop();
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function report({ openMs, latencies, pasteMs, openHeap, pasteHeap, peerTyped }) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  const rows = [
    ['open until editable', `${openMs.toFixed(0)} ms`, `≤ ${TARGETS.openMs} ms`, openMs <= TARGETS.openMs],
    ['keystroke p50', `${percentile(sorted, 50).toFixed(1)} ms`, '', true],
    ['keystroke p95', `${p95.toFixed(1)} ms`, `≤ ${TARGETS.keystrokeP95Ms} ms`, p95 <= TARGETS.keystrokeP95Ms],
    [
      `paste ${flags['paste-kb']} KB`,
      `${pasteMs.toFixed(0)} ms`,
      `≤ ${TARGETS.pasteMs} ms`,
      pasteMs <= TARGETS.pasteMs,
    ],
    ['JS heap after open', `${openHeap.toFixed(0)} MiB`, '', true],
    ['JS heap after paste', `${pasteHeap.toFixed(0)} MiB`, '', true],
  ];
  for (const [what, value, target, ok] of rows) {
    console.log(
      `${what.padEnd(22)} ${value.padStart(10)}  ${target.padEnd(10)} ${target === '' ? '' : ok ? 'ok' : 'MISSED'}`,
    );
  }
  console.log(`(${latencies.length} keystrokes timed while the peer typed ${peerTyped} characters)`);
}

await main();
