import { startServer } from './servers.mjs';
import { YClient, now } from './loadgen/yclient.mjs';
import { encodeMarker, scanMarkers } from './loadgen/marker.mjs';
import { mkdtempSync } from 'node:fs';
const kind = process.argv[2] ?? 'quire';
const entries = { quire: '/tmp/quire-head/server/dist/cli/bin.js', reference: '/work/main/bench/reference/node_modules/@y/websocket-server/src/server.js', relay: '/work/main/bench/relay.mjs' };
const server = await startServer({ kind, entries, dataDir: mkdtempSync('/tmp/lat-'), logFile: '/tmp/lat.log' });
const t0 = now(); const rec = [];
const clients = [];
for (let d = 0; d < 20; d++) for (let c = 0; c < 5; c++) {
  const cl = new YClient({ wsUrl: server.wsUrl, docName: 'doc' + d, isRelay: kind === 'relay', senderId: clients.length,
    onRemoteUpdate: (u, at, me) => scanMarkers(u, t0, (sentAt, s) => { if (s !== me.options.senderId) rec.push([sentAt - t0, at - sentAt]); }) });
  clients.push(cl);
}
await Promise.all(clients.map(c => c.open()));
const start = now() + 500;
const cpu0 = server.cpu();
await Promise.all(clients.map(c => new Promise(res => { const ph = Math.random() * 1000; let k = 0;
  const step = () => { if (k >= 10) return res(); setTimeout(() => { c.text.insert(0, encodeMarker(now(), t0, c.options.senderId)); k++; step(); }, Math.max(0, start + ph + k * 1000 - now())); }; step(); })));
await new Promise(r => setTimeout(r, 1500));
console.log('cpu', server.cpu() - cpu0);
const buckets = {};
for (const [s, l] of rec) { const b = Math.floor((s - (start - t0)) / 1000); (buckets[b] ??= []).push(l); }
for (const [b, ls] of Object.entries(buckets)) { ls.sort((x, y) => x - y); console.log(b, ls.length, 'p50', ls[ls.length >> 1].toFixed(1), 'max', ls.at(-1).toFixed(1)); }
for (const c of clients) c.destroy(); await server.stop();
