import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { MESSAGE_TYPE_LABEL } from '@quire/shared';

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
  /** Counts one frame received (`bytes` 0 for a frame that could not be decoded). */
  countIn(type: string, bytes: number): void;
  /** Counts one frame sent. */
  countOut(type: string, bytes: number): void;
  persistBatchSeconds: Histogram;
  persistBatchOps: Histogram;
  syncSeconds: Histogram;
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
    ...sampledGauges(registers, sources),
    countIn: frameCounters(registers, 'in', 'received'),
    countOut: frameCounters(registers, 'out', 'sent'),
    ...storageMetrics(registers),
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

/** A gauge read from `read` whenever `/metrics` is scraped. */
function sampledGauge(registers: Registry[], name: string, help: string, read: () => number): Gauge {
  return new Gauge({
    name,
    help,
    registers,
    collect() {
      this.set(read());
    },
  });
}

function sampledGauges(
  registers: Registry[],
  sources: MetricsSources,
): Pick<Metrics, 'connections' | 'documentsLoaded' | 'storageUp'> {
  return {
    connections: sampledGauge(registers, 'quire_connections', 'Open WebSocket connections', sources.connections),
    documentsLoaded: sampledGauge(
      registers,
      'quire_documents_loaded',
      'Documents loaded in memory',
      sources.documentsLoaded,
    ),
    storageUp: sampledGauge(
      registers,
      'quire_storage_up',
      '1 while the document store (LevelDB, Redis or Postgres) is reachable',
      () => (sources.storageUp() ? 1 : 0),
    ),
  };
}

const SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

function storageMetrics(
  registers: Registry[],
): Pick<Metrics, 'persistBatchSeconds' | 'persistBatchOps' | 'syncSeconds' | 'compactions'> {
  return {
    persistBatchSeconds: new Histogram({
      name: 'quire_persist_batch_seconds',
      help: 'Time to write one storage batch (LevelDB: without sync; Redis: until acknowledged)',
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    persistBatchOps: new Histogram({
      name: 'quire_persist_batch_operations',
      help: 'Storage operations per written batch',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 1024],
      registers,
    }),
    syncSeconds: new Histogram({
      name: 'quire_sync_seconds',
      help: 'Time of one group-committed sync to disk (LevelDB)',
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    compactions: new Counter({
      name: 'quire_compactions_total',
      help: 'Document logs merged into one state',
      registers,
    }),
  };
}

/**
 * Message and byte counters by frame type. Every frame is counted, so the hot path only
 * adds to plain numbers; prom-client gets the totals when `/metrics` is scraped.
 */
function frameCounters(
  registers: Registry[],
  direction: 'in' | 'out',
  verb: string,
): (type: string, bytes: number) => void {
  const tallies = new Map<string, { messages: number; bytes: number }>();
  for (const field of ['messages', 'bytes'] as const) {
    new Counter({
      name: `quire_${field}_${direction}_total`,
      help: `${field === 'messages' ? 'Frames' : 'Bytes'} ${verb}, by message type`,
      labelNames: ['type'],
      registers,
      collect() {
        for (const [type, tally] of tallies) {
          if (tally[field] > 0) this.inc({ type }, tally[field]);
          tally[field] = 0;
        }
      },
    });
  }
  return (type, bytes) => {
    let tally = tallies.get(type);
    if (!tally) {
      tally = { messages: 0, bytes: 0 };
      tallies.set(type, tally);
    }
    tally.messages += 1;
    tally.bytes += bytes;
  };
}

/** Label for an outgoing frame, read from its first byte (all our types fit in one). */
export function frameTypeLabel(frame: Uint8Array): string {
  return (MESSAGE_TYPE_LABEL as Record<number, string | undefined>)[frame[0] ?? -1] ?? 'unknown';
}
