// A big document in the real editor (issue 19): a Quire server gets the final text of a real
// editing trace as plain text, one paragraph per line; Chromium opens it while a peer (a Node
// Yjs client) types into it, and the open, keystroke latency, a paste and memory are timed.
// Used by the `browser` scenario of `npm run bench` and by `npm run bench:browser`.
// Functions passed to page.evaluate and page.waitForFunction run in the page:
/* global document, window, requestAnimationFrame, DataTransfer, ClipboardEvent */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { percentile } from '../stats.mjs';

export const CHROMIUM = '/usr/bin/chromium';
export const TARGETS = { openMs: 1500, keystrokeP95Ms: 50, pasteMs: 2000 };

/** The final text of a trace kept in server/test/fixtures/traces. */
export function traceText(root, name) {
  const file = join(root, 'server/test/fixtures/traces', `${name}.json.gz`);
  return JSON.parse(gunzipSync(readFileSync(file)).toString()).endContent;
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
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

/** Runs `work`, recording the page's CPU profile to `PREFIX-phase.cpuprofile` if a prefix is given. */
async function profiled(page, prefix, phase, work) {
  if (prefix === undefined) return work();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(`${prefix}-${phase}.cpuprofile`, JSON.stringify(profile));
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

/**
 * One measurement on a running Quire `server` (serving web/dist) with a launched `browser`:
 * `text` is stored as document `name`, a peer starts typing, then a fresh page opens it, and
 * `keystrokes` keystrokes and a paste of `pasteKb` KB are timed. Figures in ms and MiB.
 */
export async function measureBigDoc({ server, browser, name, text, keystrokes, pasteKb, profilePrefix }) {
  await putDocument(server, name, text);
  const peer = startPeer(server, name);
  const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
  try {
    const page = await context.newPage();
    const visible = text.replace(/\s+/g, '').length;
    const openMs = await openEditor(page, `${server.httpUrl}/d/${encodeURIComponent(name)}`, visible * 0.95);
    const openHeapMiB = await heapMiB(page);
    const latencies = await profiled(page, profilePrefix, 'keys', () => keystrokeLatencies(page, keystrokes));
    const pasteMs = await profiled(page, profilePrefix, 'paste', () => pasteTime(page, pasteText(text, pasteKb)));
    const pasteHeapMiB = await heapMiB(page);
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      openMs,
      keystrokeP50Ms: percentile(sorted, 50),
      keystrokeP95Ms: percentile(sorted, 95),
      keystrokesTimed: latencies.length,
      pasteMs,
      openHeapMiB,
      pasteHeapMiB,
      peerTyped: peer.typed(),
    };
  } finally {
    peer.stop();
    await context.close();
  }
}
