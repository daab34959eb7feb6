export { startServer, type QuireServer, type StartOptions } from './server.js';
export type { Clock, Timer } from './util/clock.js';
export type { DocStore, LogSize } from './storage/doc-store.js';
export { LevelStore } from './storage/level-store.js';
export { checkUpdateStructure } from './protocol/update-structure.js';
