// The ceiling of the benchmark: a WebSocket relay that forwards every binary frame to the
// other sockets on the same path at once, and does no Yjs work, no storage and no checks.
// Usage: HOST=127.0.0.1 PORT=4000 node bench/relay.mjs
import { startRelay } from './relay-server.mjs';

startRelay({ name: 'relay' });
