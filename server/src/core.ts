import type * as Y from 'yjs';
import type { ServerOptions } from '@quire/shared';
import type { Logger } from './observability/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { storeObserver } from './store-observer.js';
import { RoomRegistry } from './rooms/registry.js';
import type { Connection } from './rooms/connection.js';
import type { Room } from './rooms/room.js';
import type { DocStore } from './storage/doc-store.js';
import { openStorage, type Storage } from './open-storage.js';
import { DocService } from './documents/doc-service.js';
import { FileService } from './documents/file-service.js';
import { FileCollector } from './documents/file-collector.js';
import { ContentWorkers } from './content/content-workers.js';
import type { Clock } from './util/clock.js';
import { startWebhooks, type Webhooks } from './webhook-setup.js';
import { unloadGraceOf, type StartOptions } from './start-options.js';

/**
 * The parts of a server that hold documents: storage, loaded rooms, conversions, the
 * HTTP API's services. server.ts opens them before the network and closes them after.
 */
export interface Core {
  logger: Logger;
  clock: Clock;
  connections: Set<Connection>;
  metrics: Metrics;
  storage: Storage;
  store: DocStore;
  registry: RoomRegistry;
  content: ContentWorkers;
  docService: DocService;
  webhooks: Webhooks;
  files: FileService;
  fileCollector: FileCollector;
}

/** What every part is built from. */
interface Base {
  options: ServerOptions;
  startOptions: StartOptions;
  logger: Logger;
  clock: Clock;
  metrics: Metrics;
}

type Stores = Pick<Core, 'storage' | 'store' | 'webhooks'>;
type Documents = Pick<Core, 'registry' | 'content' | 'docService' | 'files' | 'fileCollector'>;

export async function openCore(
  options: ServerOptions,
  startOptions: StartOptions,
  logger: Logger,
  clock: Clock,
): Promise<Core> {
  const connections = new Set<Connection>();
  // Metrics read the registry and storage, which are made after them.
  const parts: { registry?: RoomRegistry; storage?: Storage } = {};
  const metrics = createMetrics({
    connections: () => connections.size,
    documentsLoaded: () => parts.registry?.loadedCount ?? 0,
    storageUp: () => parts.storage?.isUp() ?? true,
  });
  const base = { options, startOptions, logger, clock, metrics };
  const stores = await openStores(base);
  const documents = openDocuments(base, stores);
  Object.assign(parts, { registry: documents.registry, storage: stores.storage });
  return { logger, clock, connections, metrics, ...stores, ...documents };
}

async function openStores({ options, startOptions, logger, clock, metrics }: Base): Promise<Stores> {
  const unloadGraceMs = unloadGraceOf(options, startOptions);
  const storage = await openStorage(options, logger, storeObserver(metrics, logger), unloadGraceMs);
  const store = startOptions.wrapStore ? startOptions.wrapStore(storage.store) : storage.store;
  const webhooks = await startWebhooks({ options, storage, clock, logger, registry: metrics.registry });
  return { storage, store, webhooks };
}

function openDocuments(base: Base, stores: Stores): Documents {
  const { options, startOptions, logger, clock } = base;
  const { store, webhooks } = stores;
  // Called only once documents change, long after docService below exists.
  const registry = openRegistry(base, stores, (room) => docService.onDurableChange(room));
  const content = new ContentWorkers({
    timeoutMs: startOptions.contentTimeoutMs ?? options.contentTimeoutSeconds * 1000,
  });
  const docService = new DocService({
    store,
    registry,
    content,
    clock,
    logger: logger.child({ module: 'documents' }),
    autoVersionMs: startOptions.autoVersionMs ?? options.autoVersionMinutes * 60_000,
    events: webhooks.events,
  });
  const fileDeps = { store, clock, logger: logger.child({ module: 'files' }) };
  const files = new FileService(fileDeps);
  const fileCollector = new FileCollector({ ...fileDeps, stateOf: (name) => docService.state(name) });
  fileCollector.start();
  return { registry, content, docService, files, fileCollector };
}

function openRegistry(base: Base, { store, storage, webhooks }: Stores, changed: (room: Room) => void): RoomRegistry {
  const { options, startOptions, logger, clock } = base;
  return new RoomRegistry({
    store,
    fanout: storage.fanout,
    logger,
    clock,
    unloadGraceMs: unloadGraceOf(options, startOptions),
    syncBeforeRelay: options.syncBeforeRelay,
    initialContent: initialContentOf(startOptions),
    onDurableChange: (room, origins) => {
      changed(room);
      webhooks.onDurableChange(room, origins);
    },
    onCreated: (docName) => webhooks.events.created(docName),
    onLoaded: (room) => webhooks.onLoaded(room),
  });
}

/** The given initial content, or the default seed, loaded (with headless Lexical) when first needed. */
function initialContentOf(startOptions: StartOptions): () => Promise<(doc: Y.Doc) => void> {
  const given = startOptions.initialContent;
  if (given) return () => Promise.resolve(given);
  return async () => (await import('./content/seed.js')).seedNewDocument;
}
