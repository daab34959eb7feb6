// Scenario 5, churn: thousands of documents opened in turn by a client that types and
// leaves. Quire must give the memory back once its idle documents are unloaded (grace
// period 30 s, watched through /healthz docsLoaded); the reference is read at the end.
// Start and end are read in the same state: no document loaded, and RSS at rest (V8
// returns freed heap pages only some seconds after a burst of garbage).
import { restingRss, settledRss } from '../proc-stats.mjs';
import { isByteRelay } from '../servers.mjs';
import { assertNoFailures, now, sleep, waitQuiet, MiB } from './common.mjs';
import { row } from './rows.mjs';

export const name = 'churn';
const UNLOAD_WAIT_MS = 45_000;

export function shape(quick) {
  return quick
    ? { docs: 200, warmup: 20, concurrency: 4, editsPerDoc: 5 }
    : { docs: 2000, warmup: 50, concurrency: 4, editsPerDoc: 5 };
}

export async function run(ctx) {
  const s = shape(ctx.quick);
  const results = {};
  // Hocuspocus is measured in the latency scenarios and the trace replay only.
  for (const kind of ctx.kinds.filter((k) => !isByteRelay(k) && k !== 'hocuspocus')) {
    ctx.log(`churn: ${kind}, ${s.docs} documents in turn`);
    results[kind] = await churnOn(ctx, kind, s);
  }
  return { name, shape: s, results, rows: rows(s, results) };
}

async function churnOn(ctx, kind, s) {
  const server = await ctx.startServer(kind);
  const pool = await ctx.loadgens(1);
  try {
    const base = {
      wsUrl: server.wsUrl,
      kind,
      prefix: `churn-${ctx.runId}`,
      editsPerDoc: s.editsPerDoc,
      concurrency: s.concurrency,
    };
    assertNoFailures('churn warm-up', [await pool.call(0, 'churn', 'churn', { ...base, from: 0, count: s.warmup })]);
    await idleAllDocuments(server, kind);
    const rssStart = await restingRss(server.pid);
    const churned = await pool.call(0, 'churn', 'churn', { ...base, from: s.warmup, count: s.docs });
    assertNoFailures('churn', [churned]);
    const rssAfterChurn = await settledRss(server.pid);
    const unload = await idleAllDocuments(server, kind);
    const rssEnd = await restingRss(server.pid);
    return {
      churnSeconds: churned.ms / 1000,
      rssStartMiB: rssStart / MiB,
      rssAfterChurnMiB: rssAfterChurn / MiB,
      rssEndMiB: rssEnd / MiB,
      peakRssMiB: server.peakRss() / MiB,
      endOverStart: rssEnd / rssStart,
      unloadWaitMs: unload.ms,
      docsLoadedAtEnd: unload.docsLoaded,
    };
  } finally {
    await pool.stop();
    await server.stop();
  }
}

/** Quire: until every document is unloaded; the reference: until it stops writing. */
async function idleAllDocuments(server, kind) {
  if (kind === 'quire') return waitUnloaded(server);
  await waitQuiet(server, { timeoutMs: 30_000 });
  return { ms: undefined, docsLoaded: undefined };
}

async function waitUnloaded(server) {
  const startedAt = now();
  let docsLoaded = Number.NaN;
  while (now() - startedAt < UNLOAD_WAIT_MS) {
    docsLoaded = (await server.health()).docsLoaded;
    if (docsLoaded === 0) break;
    await sleep(500);
  }
  return { ms: now() - startedAt, docsLoaded };
}

function rows(s, results) {
  const pick = (key) => Object.fromEntries(Object.entries(results).map(([kind, r]) => [kind, r[key]]));
  const title = `5. churn (${s.docs} documents opened in turn, ${s.editsPerDoc} edits each)`;
  const quire = results.quire;
  return [
    row(title, 'RSS at start (after warm-up, at rest)', 'MiB', pick('rssStartMiB')),
    row(title, 'RSS right after the churn', 'MiB', pick('rssAfterChurnMiB')),
    row(title, 'RSS at the end (at rest)', 'MiB', pick('rssEndMiB')),
    row(title, 'end / start', '×', pick('endOverStart'), {
      target: { text: 'within 10% (Quire)', pass: quire ? Math.abs(quire.endOverStart - 1) <= 0.1 : false },
    }),
    row(title, 'server peak RSS', 'MiB', pick('peakRssMiB')),
    row(title, 'churn time', 's', pick('churnSeconds')),
    row(title, 'wait for docsLoaded = 0 (loaded at end)', 's', {
      quire: quire ? `${(quire.unloadWaitMs / 1000).toFixed(1)} (${quire.docsLoadedAtEnd})` : undefined,
    }),
  ];
}
