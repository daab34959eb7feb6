import type * as Y from 'yjs';
import type { Logger } from 'pino';
import type { DocStore } from '../storage/doc-store.js';
import type { Fanout } from '../storage/fanout.js';
import type { Clock, Timer } from '../util/clock.js';
import { DocLifecycle } from './doc-lifecycle.js';
import type { Room } from './room.js';

/**
 * Which documents are loaded, each once, and when an idle one unloads (SPEC: Guarantees;
 * PITFALLS: documents never leave memory, empty documents served before load). Everyone
 * who asks for a document while it loads shares the same promise, which resolves only once
 * the document is ready (see `DocLifecycle.load`), so nobody is answered early. A document
 * with no sockets and no server-side holder for `unloadGraceMs` is unloaded. Each step of a
 * document's life (load, seed, unload, drop, delete) is `DocLifecycle`'s.
 */
export interface RegistryOptions {
  store: DocStore;
  fanout: Fanout;
  logger: Logger;
  clock: Clock;
  unloadGraceMs: number;
  /** See `RoomDeps.syncBeforeRelay`. */
  syncBeforeRelay?: boolean;
  /** See `LifecycleOptions.initialContent`. */
  initialContent(): Promise<(doc: Y.Doc) => void>;
  /** See `RoomDeps.onDurableChange`. */
  onDurableChange?(room: Room, origins: unknown[]): void;
  /** See `LifecycleOptions.onCreated`. */
  onCreated?(docName: string): void;
  /** See `LifecycleOptions.onLoaded`. */
  onLoaded?(room: Room): void;
}

interface Entry {
  room: Promise<Room>;
  unloadTimer?: Timer;
}

export class RoomRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly lifecycle: DocLifecycle;

  constructor(private readonly options: RegistryOptions) {
    this.lifecycle = new DocLifecycle({
      store: options.store,
      fanout: options.fanout,
      logger: options.logger.child({ module: 'rooms' }),
      syncBeforeRelay: options.syncBeforeRelay ?? false,
      initialContent: options.initialContent,
      onCreated: (docName) => this.options.onCreated?.(docName),
      onLoaded: (room) => this.options.onLoaded?.(room),
      hooks: {
        onEmpty: (room) => this.scheduleUnload(room),
        onFailed: (room) => this.drop(room),
        onDurableChange: (room, origins) => this.options.onDurableChange?.(room, origins),
        onDeletedElsewhere: (room) => void this.evictDeleted(room.docName),
      },
    });
  }

  get loadedCount(): number {
    return this.entries.size;
  }

  /**
   * The loaded room for `docName`, loading it if needed. Cancels a pending unload. With
   * `seed: false`, a new document this call loads is not seeded yet (see `withRoom`).
   */
  acquire(docName: string, { seed = true }: { seed?: boolean } = {}): Promise<Room> {
    let entry = this.entries.get(docName);
    if (!entry) {
      const room = this.lifecycle.load(docName, seed);
      entry = { room };
      this.entries.set(docName, entry);
      room.catch(() => {
        if (this.entries.get(docName)?.room === room) this.entries.delete(docName);
      });
    }
    this.options.clock.clear(entry.unloadTimer);
    entry.unloadTimer = undefined;
    return entry.room;
  }

  /**
   * Whether `docName` is loaded here or stored (in cluster mode: on any instance). A deletion
   * under way is waited for: its sockets are told at once, so a caller who heard of it must
   * not find the document still stored.
   */
  async exists(docName: string): Promise<boolean> {
    if (this.entries.has(docName)) return true;
    await this.lifecycle.idle(docName);
    return this.options.store.exists(docName);
  }

  /**
   * Like `acquire`, for a connection that cannot write: a document that does not exist is
   * not created (SPEC: Access), and the result is undefined.
   */
  async acquireExisting(docName: string): Promise<Room | undefined> {
    return (await this.exists(docName)) ? this.acquire(docName) : undefined;
  }

  /**
   * Runs `task` with the loaded room, keeping it loaded meanwhile; afterwards the room
   * unloads after the grace period if nobody is connected. `seedAfter`: a document that
   * `task` created is seeded only afterwards (`DocLifecycle.seedDeferred`).
   */
  async withRoom<T>(
    docName: string,
    task: (room: Room) => Promise<T> | T,
    { seedAfter = false }: { seedAfter?: boolean } = {},
  ): Promise<T> {
    const room = await this.acquire(docName, { seed: !seedAfter });
    room.hold();
    try {
      return await task(room);
    } finally {
      await this.lifecycle.seedDeferred(room);
      if (room.release()) this.scheduleUnload(room);
    }
  }

  /**
   * Deletes the document (`DocLifecycle.delete`): a loaded room is taken out of the
   * registry first, so no one joins it meanwhile. `settle` runs before storage is removed.
   */
  async delete(docName: string, settle: () => Promise<void>): Promise<void> {
    await this.lifecycle.delete(docName, await this.take(docName), settle);
  }

  /** Another instance deleted the document: its room here closes and goes, storage is gone. */
  private async evictDeleted(docName: string): Promise<void> {
    const room = await this.take(docName);
    if (room) this.lifecycle.deletedElsewhere(room);
  }

  /** Unloads every room: sockets closed with `code`, state written back. */
  async closeAll(code: number, reason: string): Promise<void> {
    const rooms = await Promise.allSettled([...this.entries.values()].map((entry) => entry.room));
    const loaded = rooms.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    for (const room of loaded) room.closeAll(code, reason);
    await Promise.all(loaded.map((room) => this.unload(room)));
    await this.lifecycle.idleAll();
  }

  private scheduleUnload(room: Room): void {
    const entry = this.entries.get(room.docName);
    if (!entry) return;
    const { clock, unloadGraceMs } = this.options;
    clock.clear(entry.unloadTimer);
    entry.unloadTimer = clock.setTimeout(() => {
      if (room.isUnused) void this.unload(room);
    }, unloadGraceMs);
  }

  private unload(room: Room): Promise<void> {
    this.entries.delete(room.docName);
    return this.lifecycle.unload(room);
  }

  /** A failed room leaves the registry at once and is let go without writing back. */
  private drop(room: Room): void {
    this.forget(room.docName);
    void this.lifecycle.drop(room);
  }

  /** Takes the loaded (or loading) room of `docName` out of the registry. */
  private async take(docName: string): Promise<Room | undefined> {
    const entry = this.entries.get(docName);
    if (!entry) return undefined;
    const room = await entry.room.catch(() => undefined);
    if (room) this.forget(docName);
    return room;
  }

  private forget(docName: string): void {
    this.options.clock.clear(this.entries.get(docName)?.unloadTimer);
    this.entries.delete(docName);
  }
}
