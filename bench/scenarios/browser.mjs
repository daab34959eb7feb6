// Scenario 9, a big document in the browser (issue 19): the final text of the automerge-paper
// trace (~105k characters) opened in Chromium while a peer types into it; open until
// editable, keystroke latency (input to the frame that shows it), a 500 KB paste and the
// page's JS heap, against the targets. Quire only: the page is Quire's editor. Each
// repetition gets a fresh server and a fresh browser context.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM, TARGETS, launchBrowser, measureBigDoc, traceText } from '../browser/big-doc.mjs';
import { medianOfRuns } from '../stats.mjs';
import { skipped } from './compare.mjs';
import { row } from './rows.mjs';

export const name = 'browser';
const TRACE = 'automerge-paper';

export function shape(quick) {
  return quick ? { keystrokes: 40, pasteKb: 500, repeats: 1 } : { keystrokes: 100, pasteKb: 500, repeats: 3 };
}

export async function run(ctx) {
  const s = { ...shape(ctx.quick), ...(ctx.repeats ? { repeats: ctx.repeats } : {}) };
  const text = traceText(ctx.root, TRACE);
  const title = `9. big document in the browser (${TRACE}, ${text.length.toLocaleString('en-US')} chars, a peer typing; ${s.keystrokes} keystrokes, ${s.pasteKb} KB paste)`;
  const reason = whyNot(ctx);
  if (reason) return skipped(ctx, name, title, reason);
  const runs = [];
  const browser = await launchBrowser();
  try {
    for (let rep = 0; rep < s.repeats; rep++) {
      ctx.log(`browser: run ${rep + 1}/${s.repeats} (${text.length} characters, ${s.keystrokes} keystrokes)`);
      runs.push(await measureOnce(ctx, browser, s, text, rep));
    }
  } finally {
    await browser.close();
  }
  const medians = medianOfRuns(runs);
  return { name, shape: s, runs, medians: { quire: medians }, rows: rows(title, s, medians) };
}

function whyNot(ctx) {
  if (!ctx.kinds.includes('quire')) return 'needs quire among --servers';
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} not found (install Chromium to run this scenario)`;
  if (!ctx.quireWebBuilt) return 'no web build of Quire to serve (see the log: the web build failed or is missing)';
  return undefined;
}

async function measureOnce(ctx, browser, s, text, rep) {
  const server = await ctx.startServer('quire');
  try {
    return await measureBigDoc({
      server,
      browser,
      name: `big-${ctx.runId}-${rep}`,
      text,
      keystrokes: s.keystrokes,
      pasteKb: s.pasteKb,
      profilePrefix: ctx.profileDir ? join(ctx.profileDir, `browser-${rep + 1}`) : undefined,
    });
  } finally {
    await server.stop();
  }
}

function rows(title, s, m) {
  const judged = (metric, unit, value, max, text) =>
    row(
      title,
      metric,
      unit,
      { quire: value },
      { target: { text, pass: Number.isFinite(value) ? value <= max : null } },
    );
  return [
    judged('open until editable', 'ms', m.openMs, TARGETS.openMs, `≤ ${TARGETS.openMs / 1000} s`),
    row(title, 'keystroke latency p50, input to paint', 'ms', { quire: m.keystrokeP50Ms }),
    judged(
      'keystroke latency p95, input to paint',
      'ms',
      m.keystrokeP95Ms,
      TARGETS.keystrokeP95Ms,
      `≤ ${TARGETS.keystrokeP95Ms} ms`,
    ),
    judged(`paste ${s.pasteKb} KB`, 'ms', m.pasteMs, TARGETS.pasteMs, `≤ ${TARGETS.pasteMs / 1000} s`),
    row(title, 'JS heap after open', 'MiB', { quire: m.openHeapMiB }),
    row(title, 'JS heap after the paste', 'MiB', { quire: m.pasteHeapMiB }),
    row(title, 'characters the peer typed meanwhile', '', { quire: m.peerTyped }),
  ];
}
