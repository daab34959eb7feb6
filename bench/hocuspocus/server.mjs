// Hocuspocus 3.4.4 as npm run bench starts it (a second peer beside the reference server):
// its stock Server with the Database extension keeping each document's state in LevelDB
// (classic-level, written without sync, as y-leveldb does for the reference). Hocuspocus
// stores a document after its own debounce (2 s, at most 10 s), as shipped.
// Environment: HOST, PORT, DATA (LevelDB folder).
import { Server } from '@hocuspocus/server';
import { Database } from '@hocuspocus/extension-database';
import { ClassicLevel } from 'classic-level';

const db = new ClassicLevel(process.env.DATA, { keyEncoding: 'utf8', valueEncoding: 'view' });
await db.open();

const server = new Server({
  address: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT ?? 1234),
  quiet: true,
  stopOnSignals: false,
  extensions: [
    new Database({
      fetch: async ({ documentName }) => (await db.get(documentName)) ?? null,
      store: async ({ documentName, state }) => db.put(documentName, state),
    }),
  ],
});

async function stop() {
  await server.destroy();
  await db.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
await server.listen();
