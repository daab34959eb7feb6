import { startServer } from './servers.mjs';
import { YClient, now } from './loadgen/yclient.mjs';
import { mkdtempSync } from 'node:fs';
const kind = process.argv[2] ?? 'quire';
const entries = { quire: '/tmp/quire-head/server/dist/cli/bin.js', reference: '/work/main/bench/reference/node_modules/@y/websocket-server/src/server.js', relay: '/work/main/bench/relay.mjs' };
const server = await startServer({ kind, entries, dataDir: mkdtempSync('/tmp/lat-'), logFile: '/tmp/lat.log' });
const lat = [];
let sentAt = 0;
const a = new YClient({ wsUrl: server.wsUrl, docName: 'd', isRelay: kind === 'relay' });
const b = new YClient({ wsUrl: server.wsUrl, docName: 'd', isRelay: kind === 'relay', onRemoteUpdate: (u, at) => lat.push(at - sentAt) });
await a.open(); await b.open();
for (let i = 0; i < 40; i++) { sentAt = now(); a.text.insert(0, 'abc'); await new Promise(r => setTimeout(r, 50)); }
lat.sort((x, y) => x - y);
console.log(kind, 'n', lat.length, 'p50', lat[lat.length >> 1].toFixed(2), 'max', lat.at(-1).toFixed(2));
a.destroy(); b.destroy(); await server.stop();
