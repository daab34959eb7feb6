// Scenario 4, large document: the automerge-paper trace (260k keystrokes) sent through one
// client as single-keystroke updates, timed until durable (Quire: the ack covering the
// last update; reference: until its process and its LevelDB folder go quiet). Then the
// server is restarted and a fresh client is timed from connect to holding the full text.
// Cold opens run in a load-generator process of their own, so the client is not slowed by
// the ingest's 260k frames in its heap; its first open (on a freshly restarted server too)
// only warms its Yjs code up and is not counted.
import { diskBreakdown, diskBytes } from '../proc-stats.mjs';
import { isByteRelay } from '../servers.mjs';
import { median } from '../stats.mjs';
import { now, sleep, waitQuiet, MiB } from './common.mjs';
import { row, ratioRow } from './rows.mjs';

export const name = 'ingest';
const DOC_NAME = 'automerge-paper';
const LEFTOVER_WINDOW_MS = 2000;

export function shape(quick) {
  return quick ? { limit: 20_000, coldOpens: 2 } : { limit: undefined, coldOpens: 3 };
}

const INGESTER = 0;
const OPENER = 1;

/** The result of `prepare` as the report keeps it (the text itself only goes to the opener). */
function summaryOf({ finalText, ...prepared }) {
  return { ...prepared, textLength: finalText.length };
}

export async function run(ctx) {
  const s = shape(ctx.quick);
  // Hocuspocus is measured in the latency scenarios and the trace replay only.
  const kinds = ctx.kinds.filter((kind) => !isByteRelay(kind) && kind !== 'hocuspocus');
  const pool = await ctx.loadgens(2);
  const results = {};
  try {
    ctx.log(`ingest: replaying ${s.limit ?? 'all'} edits of the trace into update frames`);
    const prepared = await pool.call(INGESTER, 'ingest', 'prepare', { traceFile: ctx.traceFile, limit: s.limit });
    for (const kind of kinds) {
      ctx.log(`ingest: ${kind}, ${prepared.updates} updates`);
      results[kind] = await ingestInto(ctx, pool, kind, s, prepared);
    }
    const summary = summaryOf(prepared);
    return { name, shape: s, prepared: summary, results, rows: rows(s, summary, results) };
  } finally {
    await pool.stop();
  }
}

async function ingestInto(ctx, pool, kind, s, prepared) {
  const server = await ctx.startServer(kind);
  const { dataDir } = server;
  let ingest;
  try {
    const cpuStart = server.cpu();
    const streamed = await pool.call(INGESTER, 'ingest', 'stream', {
      wsUrl: server.wsUrl,
      docName: DOC_NAME,
      kind,
      timeoutMs: 600_000,
    });
    const endedAt = kind === 'quire' ? streamed.ackedAt : (await waitQuiet(server, { timeoutMs: 600_000 })).lastActive;
    const cpuAtEnd = server.cpu();
    const leftover = await measureLeftover(server);
    ingest = {
      seconds: (endedAt - streamed.startedAt) / 1000,
      sendSeconds: (streamed.sentAt - streamed.startedAt) / 1000,
      updatesPerSecond: prepared.updates / ((endedAt - streamed.startedAt) / 1000),
      cpuSeconds: cpuAtEnd - cpuStart,
      ...leftover,
      peakRssMiB: server.peakRss() / MiB,
    };
  } finally {
    const stopped = await server.stop();
    ingest = { ...ingest, shutdownMs: stopped.ms };
  }
  const diskAfterShutdown = diskBytes(dataDir);
  const diskFilesAfterShutdown = diskBreakdown(dataDir);
  const opens = [];
  for (let i = 0; i <= s.coldOpens; i++) {
    const restarted = await ctx.startServer(kind, { dataDir });
    try {
      const cpuStart = restarted.cpu();
      const opened = await pool.call(OPENER, 'ingest', 'coldOpen', {
        wsUrl: restarted.wsUrl,
        docName: DOC_NAME,
        timeoutMs: 300_000,
        expectedText: prepared.finalText,
      });
      const open = { ...opened, serverCpuMs: (restarted.cpu() - cpuStart) * 1000, openRssMiB: restarted.rss() / MiB };
      if (i > 0) opens.push(open);
    } finally {
      await restarted.stop();
    }
  }
  return {
    ...ingest,
    coldOpenMs: median(opens.map((o) => o.endToEndMs)),
    coldServerMs: median(opens.map((o) => o.serverMs)),
    coldServerCpuMs: median(opens.map((o) => o.serverCpuMs)),
    coldOpenRssMiB: median(opens.map((o) => o.openRssMiB)),
    isTextEqual: opens.every((o) => o.isTextEqual),
    encodedBytes: opens[0]?.encodedBytes,
    diskAfterShutdown,
    diskFilesAfterShutdown,
    diskAfterReopen: diskBytes(dataDir),
    diskFilesAfterReopen: diskBreakdown(dataDir),
    opens,
  };
}

/** CPU and disk activity in the seconds after the ingest counted as finished. */
async function measureLeftover(server) {
  const cpuBefore = server.cpu();
  const diskBefore = diskBytes(server.dataDir);
  const startedAt = now();
  await sleep(LEFTOVER_WINDOW_MS);
  return {
    leftoverCpuMs: (server.cpu() - cpuBefore) * 1000,
    leftoverDiskBytes: diskBytes(server.dataDir) - diskBefore,
    leftoverWindowMs: now() - startedAt,
  };
}

function rows(s, prepared, results) {
  const pick = (fn) => Object.fromEntries(Object.entries(results).map(([kind, r]) => [kind, fn(r)]));
  const title = `4. large document (automerge-paper, ${prepared.updates.toLocaleString('en-US')} single-keystroke updates, ${prepared.textLength.toLocaleString('en-US')} chars)`;
  const quire = results.quire;
  // LevelDB may still drop obsolete files after its own compaction (the folder shrinks);
  // anything the server still had to write would show as CPU and a growing folder.
  const nothingLeft = quire ? quire.leftoverCpuMs <= 100 && quire.leftoverDiskBytes <= 0 : false;
  const diskRatio = quire ? quire.diskAfterReopen / quire.encodedBytes : Number.NaN;
  return [
    ratioRow(
      title,
      'ingest, durable',
      'updates/s',
      pick((r) => r.updatesPerSecond),
      { num: 'quire', den: 'reference', min: 2 },
    ),
    row(
      title,
      'ingest time (sending only)',
      's',
      pick((r) => `${r.seconds.toFixed(1)} (${r.sendSeconds.toFixed(1)})`),
    ),
    row(
      title,
      'server CPU during ingest',
      's',
      pick((r) => r.cpuSeconds),
    ),
    row(
      title,
      `left to do after "done" (CPU ms / disk bytes in ${LEFTOVER_WINDOW_MS / 1000} s)`,
      '',
      pick((r) => `${r.leftoverCpuMs.toFixed(0)} / ${r.leftoverDiskBytes}`),
      {
        target: { text: 'nothing left (Quire)', pass: nothingLeft },
      },
    ),
    row(
      title,
      'server peak RSS during ingest',
      'MiB',
      pick((r) => r.peakRssMiB),
    ),
    row(
      title,
      'shutdown (SIGTERM to exit)',
      'ms',
      pick((r) => r.shutdownMs),
    ),
    row(
      title,
      'cold open, connect → full text (end to end)',
      'ms',
      pick((r) => r.coldOpenMs),
      {
        target: { text: '≤ 100 ms (Quire)', pass: quire ? quire.coldOpenMs <= 100 : false },
      },
    ),
    row(
      title,
      'cold open, connect → last frame received (server side)',
      'ms',
      pick((r) => r.coldServerMs),
    ),
    row(
      title,
      'cold open, server CPU',
      'ms',
      pick((r) => r.coldServerCpuMs),
    ),
    row(
      title,
      'full text identical after restart',
      '',
      pick((r) => (r.isTextEqual ? 'yes' : describeMismatch(r.opens))),
    ),
    row(
      title,
      'encoded document (encodeStateAsUpdate)',
      'KiB',
      pick((r) => r.encodedBytes / 1024),
    ),
    row(
      title,
      'bytes on disk after shutdown',
      'KiB',
      pick((r) => r.diskAfterShutdown / 1024),
    ),
    row(
      title,
      'bytes on disk after restarts / encoded size',
      '×',
      pick((r) => r.diskAfterReopen / r.encodedBytes),
      {
        target: { text: '≤ 2× (Quire)', pass: diskRatio <= 2 },
      },
    ),
  ];
}

function describeMismatch(opens) {
  const bad = opens.find((o) => !o.isTextEqual);
  return `NO: ${bad.textLength} chars vs ${bad.expectedLength}, first difference at ${bad.firstDifference}`;
}
