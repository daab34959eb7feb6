import * as Y from 'yjs';
import type { Logger } from 'pino';
import { CloseCode } from '@quire/shared';
import type { DocStore } from '../storage/doc-store.js';
import type { Fanout } from '../storage/fanout.js';
import { KeyedQueue } from '../util/keyed-queue.js';
import { shouldCompact } from './compaction.js';
import { recordDeletion } from './deleted-content.js';
import { Room, type RoomDeps } from './room.js';

/**
 * The one owner of a document's life (SPEC: Guarantees): load, seed, unload, drop and
 * delete, each as one sequence here. Per document these run in order on one queue: a load
 * waits for the previous unload's write-back or a deletion's removal, so nobody ever loads
 * a document half written back or half deleted. Which rooms are loaded, and when an idle
 * one unloads, is the registry's (`RoomRegistry`); it calls in here for every step.
 */
export interface LifecycleOptions {
  store: DocStore;
  fanout: Fanout;
  logger: Logger;
  /** See `RoomDeps.syncBeforeRelay`. */
  syncBeforeRelay: boolean;
  /**
   * Resolves to what writes a new document's initial content, called once, when storage
   * has nothing (or after the change that created it, which may have left nothing to add).
   * A promise, so the code behind it (headless Lexical) loads only when first needed.
   */
  initialContent(): Promise<(doc: Y.Doc) => void>;
  /** What each room reports back (to the registry). */
  hooks: Omit<RoomDeps, 'store' | 'fanout' | 'logger' | 'syncBeforeRelay'>;
  /** This instance won the claim to seed a new document: it has just been created. */
  onCreated?(docName: string): void;
  /** A room finished loading (webhooks watch it for new comments). */
  onLoaded?(room: Room): void;
}

export class DocLifecycle {
  private readonly queue = new KeyedQueue<string>();
  /** New documents loaded with `seed: false`, until `seedDeferred` seeds them. */
  private readonly unseeded = new Set<Room>();

  constructor(private readonly options: LifecycleOptions) {}

  /**
   * Loads `docName` once its earlier unload or deletion has finished. A new document is
   * seeded now, or with `seed: false` only at `seedDeferred`; a long stored log is
   * compacted. Resolves once all of that is on disk and the room hears other instances.
   */
  async load(docName: string, seed: boolean): Promise<Room> {
    await this.queue.idle(docName);
    const { store, fanout, logger, syncBeforeRelay, hooks } = this.options;
    const [updates, deleted] = await Promise.all([store.load(docName), store.deletedClocks(docName)]);
    const room = new Room(docName, updates, deleted && Y.decodeStateVector(deleted), {
      store,
      fanout,
      logger,
      syncBeforeRelay,
      ...hooks,
    });
    if (updates.length === 0 && seed) await this.seed(room);
    else if (shouldCompact(store.logSize(docName))) await store.compact(docName, room.compactedState());
    await Promise.all([room.whenDurable(), room.whenListening()]);
    if (room.failed) throw new Error(`document "${docName}" failed while loading`);
    if (updates.length === 0 && !seed) this.unseeded.add(room);
    this.options.onLoaded?.(room);
    logger.debug({ doc: docName, entries: updates.length }, 'loaded');
    return room;
  }

  /**
   * Seeds a new document loaded with `seed: false`, if nothing has seeded it yet: content
   * written by the change that created it (a whole document posted as a Yjs update) gets no
   * empty paragraph beside it.
   */
  async seedDeferred(room: Room): Promise<void> {
    if (this.unseeded.delete(room)) await this.seed(room);
  }

  /** Writes the room back compacted, then lets it go. Resolves when done (never rejects). */
  unload(room: Room): Promise<void> {
    const { docName } = room;
    return this.queue.run(docName, async () => {
      try {
        await room.writeBack();
      } catch (err) {
        this.options.logger.error({ err, doc: docName }, 'write-back failed');
      }
      this.release(room);
      this.options.logger.debug({ doc: docName }, 'unloaded');
    });
  }

  /**
   * Lets a room go without writing back (it failed, or its document was deleted): storage
   * holds the truth. Writes it had queued still land, and the next load reads after them.
   */
  drop(room: Room): Promise<void> {
    return this.queue.run(room.docName, async () => {
      await room.whenDurable();
      this.release(room);
    });
  }

  /**
   * Deletes `docName` (SPEC: HTTP, delete): closes its loaded `room` with 4404 and drops
   * it, waits for `settle` (work that must not outlive the document), removes it from
   * storage while recording what it held so that it stays deleted, then tells the other
   * instances. A load arriving meanwhile waits, then finds nothing.
   */
  async delete(docName: string, room: Room | undefined, settle: () => Promise<void>): Promise<void> {
    if (room) this.deletedElsewhere(room);
    await this.queue.run(docName, async () => {
      await settle();
      const { store } = this.options;
      const [stored, previous] = await Promise.all([store.load(docName), store.deletedClocks(docName)]);
      await store.deleteDoc(docName, recordDeletion(previous, stored));
    });
    await this.options.fanout.publishDeleted(docName);
  }

  /** Another instance deleted the document: close the room with 4404 and drop it. */
  deletedElsewhere(room: Room): void {
    room.closeAll(CloseCode.DocumentDeleted, 'document deleted');
    void this.drop(room);
  }

  /** Resolves once nothing of `docName` is pending (never rejects). */
  idle(docName: string): Promise<void> {
    return this.queue.idle(docName);
  }

  /** Resolves once nothing of any document is pending (never rejects). */
  idleAll(): Promise<void> {
    return this.queue.idleAll();
  }

  /** Writes a new document's initial content, on exactly one instance. */
  private async seed(room: Room): Promise<void> {
    if (!(await this.options.store.claimNew(room.docName))) return;
    this.options.onCreated?.(room.docName);
    room.seed(await this.options.initialContent());
  }

  private release(room: Room): void {
    this.unseeded.delete(room);
    room.destroy();
    this.options.store.release(room.docName);
  }
}
