import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The Prometheus registry (SPEC: HTTP, `/metrics`). One registry per server, so two
 * servers in one process (tests) never share counters. Modules receive the metrics they
 * record; message types are labelled by name (sync-step1, update, awareness, …).
 */
export interface Metrics {
  registry: Registry;
  connections: Gauge;
  documentsLoaded: Gauge;
  storageUp: Gauge;
  messagesIn: Counter<'type'>;
  bytesIn: Counter<'type'>;
  messagesOut: Counter<'type'>;
  bytesOut: Counter<'type'>;
  persistBatchSeconds: Histogram;
  persistBatchOps: Histogram;
  compactions: Counter;
  closes: Counter<'code'>;
  httpErrors: Counter<'status'>;
}

export interface MetricsSources {
  connections(): number;
  documentsLoaded(): number;
  storageUp(): boolean;
}

export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'quire_' });
  const registers = [registry];
  return {
    registry,
    connections: new Gauge({
      name: 'quire_connections',
      help: 'Open WebSocket connections',
      registers,
      collect() {
        this.set(sources.connections());
      },
    }),
    documentsLoaded: new Gauge({
      name: 'quire_documents_loaded',
      help: 'Documents loaded in memory',
      registers,
      collect() {
        this.set(sources.documentsLoaded());
      },
    }),
    storageUp: new Gauge({
      name: 'quire_storage_up',
      help: '1 while the document store (LevelDB or Redis) is reachable',
      registers,
      collect() {
        this.set(sources.storageUp() ? 1 : 0);
      },
    }),
    messagesIn: new Counter({
      name: 'quire_messages_in_total',
      help: 'Frames received, by message type',
      labelNames: ['type'],
      registers,
    }),
    bytesIn: new Counter({
      name: 'quire_bytes_in_total',
      help: 'Bytes received, by message type',
      labelNames: ['type'],
      registers,
    }),
    messagesOut: new Counter({
      name: 'quire_messages_out_total',
      help: 'Frames sent, by message type',
      labelNames: ['type'],
      registers,
    }),
    bytesOut: new Counter({
      name: 'quire_bytes_out_total',
      help: 'Bytes sent, by message type',
      labelNames: ['type'],
      registers,
    }),
    persistBatchSeconds: new Histogram({
      name: 'quire_persist_batch_seconds',
      help: 'Time to write and sync one storage batch',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    persistBatchOps: new Histogram({
      name: 'quire_persist_batch_operations',
      help: 'Storage operations per synced batch (group commit size)',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 1024],
      registers,
    }),
    compactions: new Counter({
      name: 'quire_compactions_total',
      help: 'Document logs merged into one state',
      registers,
    }),
    closes: new Counter({
      name: 'quire_connection_closes_total',
      help: 'Connections closed by the server, by close code',
      labelNames: ['code'],
      registers,
    }),
    httpErrors: new Counter({
      name: 'quire_http_errors_total',
      help: 'HTTP error responses, by status',
      labelNames: ['status'],
      registers,
    }),
  };
}

const FRAME_TYPES: Record<number, string> = { 0: 'sync', 1: 'awareness', 2: 'auth', 3: 'query-awareness', 100: 'ack' };

/** Label for an outgoing frame, read from its first byte (all our types fit in one). */
export function frameTypeLabel(frame: Uint8Array): string {
  return FRAME_TYPES[frame[0] ?? -1] ?? 'unknown';
}
