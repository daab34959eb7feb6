// Scenario 3, idle connections: 2000 connections over 500 documents of about 2 KB, then
// 10 000 on Quire alone. Memory is read in two steps: one connection per document first
// (documents load), then the rest (connections only), so the cost of a connection and the
// cost of a loaded document can be told apart. First, each server's RSS once started on an
// empty data folder, with no connection (issue #21: at most 1.5× the best peer's), Hocuspocus
// included.
import { cpSync } from 'node:fs';
import { settledRss } from '../proc-stats.mjs';
import { median, medianOfRuns } from '../stats.mjs';
import { assertNoFailures, roundRobin, waitQuiet, sleep, MiB } from './common.mjs';
import { bestPeerRow, row, ratioRow } from './rows.mjs';

export const name = 'idle';

export function shape(quick) {
  return quick
    ? { docs: 50, connsPerDoc: 4, docBytes: 2048, manyConnsPerDoc: 20, generators: 2, repeats: 1 }
    : { docs: 500, connsPerDoc: 4, docBytes: 2048, manyConnsPerDoc: 20, generators: 4, repeats: 3 };
}

export async function run(ctx) {
  const s = { ...shape(ctx.quick), ...(ctx.repeats ? { repeats: ctx.repeats } : {}) };
  const templates = {};
  const startRss = await idleServerRss(ctx, s);
  // The durable relay's idle sockets cost what the relay's do: it is measured under load only.
  // Hocuspocus' connections are measured in the latency scenarios and the trace replay only.
  const kinds = ctx.kinds.filter((k) => k !== 'durable' && k !== 'hocuspocus');
  for (const kind of kinds.filter((k) => k !== 'relay')) {
    ctx.log(`idle: writing ${s.docs} documents of ${s.docBytes} bytes for ${kind}`);
    templates[kind] = await populate(ctx, kind, s);
  }
  const runs = Object.fromEntries(kinds.map((kind) => [kind, []]));
  for (let rep = 0; rep < s.repeats; rep++) {
    for (const kind of kinds) {
      ctx.log(`idle: ${kind}, run ${rep + 1}/${s.repeats} (${s.docs * s.connsPerDoc} connections)`);
      runs[kind].push(await measure(ctx, kind, s, templates[kind], s.connsPerDoc));
    }
  }
  const many = s.docs * s.manyConnsPerDoc;
  ctx.log(`idle: quire with ${many} connections`);
  const manyRun = ctx.kinds.includes('quire') ? await measure(ctx, 'quire', s, templates.quire, s.manyConnsPerDoc) : {};
  const medians = Object.fromEntries(Object.entries(runs).map(([kind, list]) => [kind, medianOfRuns(list)]));
  return { name, shape: s, startRss, runs, manyRun, medians, rows: rows(s, medians, manyRun, startRss) };
}

/** Median RSS (MiB) of each server started on an empty data folder, no connection, at rest. */
async function idleServerRss(ctx, s) {
  const kinds = ctx.kinds.filter((k) => k === 'quire' || k === 'reference' || k === 'hocuspocus');
  const samples = Object.fromEntries(kinds.map((kind) => [kind, []]));
  for (let rep = 0; rep < s.repeats; rep++) {
    for (const kind of kinds) {
      ctx.log(`idle: ${kind} started with no connection, run ${rep + 1}/${s.repeats}`);
      const server = await ctx.startServer(kind);
      try {
        await sleep(500);
        samples[kind].push((await settledRss(server.pid)) / MiB);
      } finally {
        await server.stop();
      }
    }
  }
  return Object.fromEntries(kinds.map((kind) => [kind, median(samples[kind])]));
}

function rows(s, medians, manyRun, startRss) {
  const pick = (key) => Object.fromEntries(Object.entries(medians).map(([kind, m]) => [kind, m[key]]));
  const title = `3. idle (${s.docs} docs of ${s.docBytes / 1024} KB, ${s.docs * s.connsPerDoc} connections)`;
  const manyTitle = `3b. idle, Quire alone (${s.docs} docs, ${s.docs * s.manyConnsPerDoc} connections)`;
  return [
    bestPeerRow(title, 'idle server RSS (empty data folder, no connection)', 'MiB', startRss, { max: 1.5 }),
    ratioRow(title, 'memory per connection', 'KiB', pick('perConnKiB'), { num: 'quire', den: 'relay', max: 1.2 }),
    row(title, 'memory per loaded document', 'KiB', pick('perDocKiB')),
    row(title, 'RSS before / with all connections', 'MiB', pick('rssSummary')),
    row(title, 'time to open all', 's', pick('openSeconds')),
    row(title, 'server peak RSS', 'MiB', pick('peakRssMiB')),
    row(manyTitle, 'memory per connection', 'KiB', { quire: manyRun.perConnKiB }),
    row(manyTitle, 'RSS with all connections', 'MiB', { quire: manyRun.rssAllMiB }),
    row(manyTitle, 'time to open all', 's', { quire: manyRun.openSeconds }),
    row(manyTitle, 'connections open', '', { quire: manyRun.connections }),
  ];
}

/** Writes the documents once per server kind and returns the data folder to copy from. */
async function populate(ctx, kind, s) {
  const server = await ctx.startServer(kind);
  const pool = await ctx.loadgens(1);
  try {
    const result = await pool.call(0, 'populate', 'populate', {
      wsUrl: server.wsUrl,
      kind,
      docNames: docNames(s),
      bytesPerDoc: s.docBytes,
      chunkBytes: 128,
      concurrency: 16,
    });
    assertNoFailures(`${kind} populate`, [result]);
    await waitQuiet(server, { timeoutMs: 60_000 });
  } finally {
    await pool.stop();
    await server.stop();
  }
  return server.dataDir;
}

function docNames(s) {
  return Array.from({ length: s.docs }, (_, i) => `idle-${i}`);
}

/** A fresh data folder holding a copy of `template` (none for the relay). */
function copyOf(ctx, template) {
  if (!template) return undefined;
  const dataDir = ctx.newDataDir();
  cpSync(template, dataDir, { recursive: true });
  return dataDir;
}

async function measure(ctx, kind, s, template, connsPerDoc) {
  const server = await ctx.startServer(kind, { dataDir: copyOf(ctx, template) });
  const pool = await ctx.loadgens(s.generators);
  try {
    await sleep(500);
    const rssStart = await settledRss(server.pid);
    const names = docNames(s);
    const first = await openPhase(
      pool,
      server,
      kind,
      names.map((docName) => ({ docName })),
    );
    const rssDocs = await settledRss(server.pid);
    const restSpecs = [];
    for (let c = 1; c < connsPerDoc; c++) for (const docName of names) restSpecs.push({ docName });
    const rest = await openPhase(pool, server, kind, restSpecs);
    const rssAll = await settledRss(server.pid);
    const health = await server.health();
    const perConn = (rssAll - rssDocs) / restSpecs.length;
    return {
      perConnKiB: perConn / 1024,
      perDocKiB: kind === 'relay' ? undefined : ((rssDocs - rssStart) / names.length - perConn) / 1024,
      rssStartMiB: rssStart / MiB,
      rssAllMiB: rssAll / MiB,
      rssSummary: `${(rssStart / MiB).toFixed(0)} / ${(rssAll / MiB).toFixed(0)}`,
      openSeconds: first.seconds + rest.seconds,
      peakRssMiB: server.peakRss() / MiB,
      connections: health.connections ?? names.length * connsPerDoc,
    };
  } finally {
    await pool.all('idle', 'close');
    await pool.stop();
    await server.stop();
  }
}

async function openPhase(pool, server, kind, specs) {
  const groups = roundRobin(specs, pool.size);
  const results = await pool.all('idle', 'open', (g) => ({
    wsUrl: server.wsUrl,
    isRelay: kind === 'relay',
    specs: groups[g],
    concurrency: 50,
  }));
  assertNoFailures(`${kind} idle open`, results);
  const startedAt = Math.min(...results.map((r) => r.startedAt));
  const finishedAt = Math.max(...results.map((r) => r.finishedAt));
  return { seconds: (finishedAt - startedAt) / 1000 };
}
