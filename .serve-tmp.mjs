import { startServer } from '@quire/server';
import { mkdtempSync } from 'node:fs';
const dataDir = mkdtempSync('/tmp/quire-dev-');
const s = await startServer({ port: 4321, host: '127.0.0.1', dataDir, logLevel: 'warn' });
console.log('up', s.url, dataDir);
