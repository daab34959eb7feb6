import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { DocStore } from '../storage/doc-store.js';
import { Room } from './room.js';
import type { Fanout } from '../storage/fanout.js';
import { CloseCode } from '@quire/shared';
import { shouldCompact } from './compaction.js';

/**
 * Loads each document once and unloads it when nobody uses it (SPEC: Guarantees;
 * PITFALLS: documents never leave memory, empty documents served before load). Everyone
 * who asks for a document while it loads shares the same promise, and the promise
 * resolves only after the stored log is applied (and a new document seeded and written),
 * so nobody is answered early. A document with no sockets for `unloadGraceMs` is written
 * back compacted and dropped; a later join waits for that write-back before loading.
 */
export interface RegistryOptions {
  store: DocStore;
  fanout: Fanout;
  logger: Logger;
  unloadGraceMs: number;
  /**
   * Writes a new document's initial content; called once, when storage has nothing (or
   * after the change that created it, which may have left nothing to add).
   */
  initialContent(doc: Y.Doc): void;
  onDurableChange?(room: Room): void;
}

interface Entry {
  room: Promise<Room>;
  unloadTimer?: NodeJS.Timeout;
}

export class RoomRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly unloading = new Map<string, Promise<void>>();
  /** New documents loaded with `seed: false`, until `withRoom` seeds them. */
  private readonly unseeded = new Set<Room>();
  private readonly logger: Logger;

  constructor(private readonly options: RegistryOptions) {
    this.logger = options.logger.child({ module: 'rooms' });
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
      const room = this.load(docName, seed);
      entry = { room };
      this.entries.set(docName, entry);
      room.catch(() => {
        if (this.entries.get(docName)?.room === room) this.entries.delete(docName);
      });
    }
    clearTimeout(entry.unloadTimer);
    entry.unloadTimer = undefined;
    return entry.room;
  }

  /** Whether `docName` is loaded here or stored (in cluster mode: on any instance). */
  async exists(docName: string): Promise<boolean> {
    return this.entries.has(docName) || (await this.options.store.exists(docName));
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
   * unloads after the grace period if nobody is connected.
   */
  async withRoom<T>(
    docName: string,
    task: (room: Room) => Promise<T> | T,
    { seedAfter = false }: { seedAfter?: boolean } = {},
  ): Promise<T> {
    const room = await this.acquire(docName, { seed: !seedAfter });
    room.holds++;
    try {
      return await task(room);
    } finally {
      // `seedAfter`: a document that `task` created is seeded only now, so content written
      // by `task` (a whole document posted as a Yjs update) gets no empty paragraph beside it.
      if (this.unseeded.delete(room)) await this.seedNew(room);
      room.holds--;
      if (room.connectionCount === 0 && room.holds === 0) this.scheduleUnload(room);
    }
  }

  /**
   * Closes the document's sockets with `code` and drops it from memory without writing
   * back. `remove`, if given (deleting its storage), runs before anyone can load the document
   * again: a connection arriving meanwhile waits for it, then loads what is left. Resolves
   * when nothing of the document is pending.
   */
  async evict(docName: string, code: number, reason: string, remove?: () => Promise<void>): Promise<void> {
    const entry = this.entries.get(docName);
    if (entry) {
      const room = await entry.room.catch(() => undefined);
      if (room) {
        room.closeAll(code, reason);
        this.drop(room);
      }
    }
    if (remove === undefined) {
      await this.unloading.get(docName);
      return;
    }
    const removing = Promise.resolve(this.unloading.get(docName)).then(remove);
    const settled = removing.catch(() => undefined);
    this.unloading.set(docName, settled);
    try {
      await removing;
    } finally {
      if (this.unloading.get(docName) === settled) this.unloading.delete(docName);
    }
  }

  /** Unloads every room: sockets closed with `code`, state written back. */
  async closeAll(code: number, reason: string): Promise<void> {
    const rooms = await Promise.allSettled([...this.entries.values()].map((entry) => entry.room));
    for (const result of rooms) {
      if (result.status === 'fulfilled') result.value.closeAll(code, reason);
    }
    await Promise.all(rooms.flatMap((result) => (result.status === 'fulfilled' ? [this.unload(result.value)] : [])));
    await Promise.all(this.unloading.values());
  }

  /** Writes a new document's initial content, on exactly one instance. */
  private async seedNew(room: Room): Promise<void> {
    if (await this.options.store.claimNew(room.docName)) room.seed(this.options.initialContent);
  }

  private async load(docName: string, seed: boolean): Promise<Room> {
    await this.unloading.get(docName);
    const { store } = this.options;
    const [updates, deleted] = await Promise.all([store.load(docName), store.deletedClocks(docName)]);
    const room = new Room(docName, updates, deleted && Y.decodeStateVector(deleted), {
      store,
      fanout: this.options.fanout,
      logger: this.logger,
      onEmpty: (emptyRoom) => this.scheduleUnload(emptyRoom),
      onFailed: (failedRoom) => this.drop(failedRoom),
      onDurableChange: (changed) => this.options.onDurableChange?.(changed),
      onDeletedElsewhere: (deleted) => void this.evict(deleted.docName, CloseCode.DocumentDeleted, 'document deleted'),
    });
    if (updates.length === 0 && seed) {
      await this.seedNew(room);
    } else if (shouldCompact(store.logSize(docName))) {
      await store.compact(docName, Y.encodeStateAsUpdate(room.doc));
    }
    await Promise.all([room.whenDurable(), room.whenListening()]);
    if (room.failed) throw new Error(`document "${docName}" failed while loading`);
    if (updates.length === 0 && !seed) this.unseeded.add(room);
    this.logger.debug({ doc: docName, entries: updates.length }, 'loaded');
    return room;
  }

  private scheduleUnload(room: Room): void {
    const entry = this.entries.get(room.docName);
    if (!entry) return;
    clearTimeout(entry.unloadTimer);
    entry.unloadTimer = setTimeout(() => {
      if (room.connectionCount === 0 && room.holds === 0) void this.unload(room);
    }, this.options.unloadGraceMs);
    entry.unloadTimer.unref();
  }

  private unload(room: Room): Promise<void> {
    const { docName } = room;
    this.entries.delete(docName);
    const done = room
      .writeBack()
      .catch((err: unknown) => this.logger.error({ err, doc: docName }, 'write-back failed'))
      .finally(() => {
        room.destroy();
        this.options.store.release(docName);
        this.unloading.delete(docName);
        this.logger.debug({ doc: docName }, 'unloaded');
      });
    this.unloading.set(docName, done);
    return done;
  }

  /**
   * A failed room is dropped without writing back: storage holds the truth. Writes it had
   * queued still land, and the next load of the document reads the store after them.
   */
  private drop(room: Room): void {
    const { docName } = room;
    const entry = this.entries.get(docName);
    if (entry) clearTimeout(entry.unloadTimer);
    this.entries.delete(docName);
    const done = room.whenDurable().finally(() => {
      room.destroy();
      this.options.store.release(docName);
      if (this.unloading.get(docName) === done) this.unloading.delete(docName);
    });
    this.unloading.set(docName, done);
  }
}
