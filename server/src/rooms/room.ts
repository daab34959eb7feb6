import * as Y from 'yjs';
import type { Logger } from 'pino';
import { CloseCode } from '@quire/shared';
import type { DocStore } from '../storage/doc-store.js';
import type { Frame } from '../protocol/decode.js';
import { Connection } from './connection.js';
import { ProtocolError, StorageError } from '../errors.js';
import type { Fanout, FanoutChannel } from '../storage/fanout.js';
import type { DeletedClocks } from './deleted-content.js';
import { authorOf, checkClientUpdate, isEmptyUpdate, mayApply, refuseReadOnlyUpdate } from './client-updates.js';
import { RELABEL_ORIGIN, relabelComments } from '../protocol/comment-relabel.js';
import { RoomPresence } from './room-presence.js';
import { StoredDoc } from './stored-doc.js';
import { DurableWrites } from './durable-writes.js';
import { DocChanges } from './doc-changes.js';
import { SyncHandshake } from './sync-handshake.js';

/**
 * One loaded document (STYLE §2): who is connected and what happens to each frame. The
 * handshake is `SyncHandshake`'s; a change goes through `DocChanges` (applied, then handed
 * on as received or re-encoded) to `DurableWrites` (stored, then relayed and acknowledged).
 * A failed write fails the room: its sockets are closed with 1011 and the registry drops it
 * without writing anything back, so the next join reloads what is really stored.
 */
const MAX_PENDING_WRITES = 4096;

export interface RoomDeps {
  store: DocStore;
  fanout: Fanout;
  logger: Logger;
  /** Relay changes only once they are synced to disk (`--sync-before-relay`). */
  syncBeforeRelay: boolean;
  onEmpty(room: Room): void;
  onFailed(room: Room): void;
  /**
   * Called after each batch of changes of the document was stored and relayed, with who made
   * them: a `Connection`, `REMOTE_ORIGIN` (another instance) or a server-side origin.
   */
  onDurableChange(room: Room, origins: unknown[]): void;
  /** Another instance deleted the document. */
  onDeletedElsewhere(room: Room): void;
}

export class Room {
  private readonly state: StoredDoc;
  private readonly writes: DurableWrites;
  private readonly changes: DocChanges;
  private readonly presence: RoomPresence;
  private readonly handshake: SyncHandshake;
  private readonly conns = new Set<Connection>();
  private hasFailed = false;
  /** Set once the room has closed its sockets for good (`closeAll`). */
  private closedWith: { code: number; reason: string } | undefined;
  private readonly logger: Logger;
  private readonly channel: FanoutChannel;
  /** Server-side users of the room (HTTP requests) that keep it loaded. */
  private holds = 0;

  /**
   * `stored`: the document's stored log, as loaded. `deleted`: what earlier deletions of
   * this name removed; updates carrying any of it are refused (`applyRemote`).
   */
  constructor(
    readonly docName: string,
    stored: Uint8Array[],
    private readonly deleted: DeletedClocks | undefined,
    private readonly deps: RoomDeps,
  ) {
    this.logger = deps.logger.child({ doc: docName });
    this.state = new StoredDoc(stored);
    this.writes = new DurableWrites({
      docName,
      store: deps.store,
      state: this.state,
      recipients: this.conns,
      logger: this.logger,
      syncBeforeRelay: deps.syncBeforeRelay,
      onFailed: (err, origin) => this.fail(err, origin),
      onRelayed: (changes) =>
        deps.onDurableChange(
          this,
          changes.map((change) => change.origin),
        ),
    });
    this.changes = new DocChanges(this.state, this.writes, (err, origin) => this.discard(err, origin));
    this.presence = new RoomPresence({
      doc: this.state.ydoc,
      conns: this.conns,
      publish: (update) => this.channel.publishAwareness(update),
      logger: this.logger,
    });
    this.handshake = new SyncHandshake(this.state, this.writes, this.presence);
    this.channel = deps.fanout.open(docName, {
      update: (update, relayedDeletions) => this.changes.applyFromInstance(update, relayedDeletions),
      awareness: (update) => this.presence.applyRemote(update),
      deleted: () => deps.onDeletedElsewhere(this),
    });
  }

  /** The document, with everything stored applied. */
  get doc(): Y.Doc {
    return this.state.doc;
  }

  /** Resolves once presence from other instances reaches this room. */
  whenListening(): Promise<void> {
    return this.channel.listening;
  }

  get failed(): boolean {
    return this.hasFailed;
  }

  /** Whether nobody uses the room: no socket and no server-side holder (see `hold`). */
  get isUnused(): boolean {
    return this.conns.size === 0 && this.holds === 0;
  }

  /** Keeps the room loaded while a server-side task (an HTTP request) uses it. */
  hold(): void {
    this.holds++;
  }

  /** Ends one `hold`; resolves to whether the room is now unused. */
  release(): boolean {
    this.holds--;
    return this.isUnused;
  }

  /** Resolves once every write queued so far is stored (see `DurableWrites.whenDurable`). */
  whenDurable(): Promise<void> {
    return this.writes.whenDurable();
  }

  async join(conn: Connection): Promise<void> {
    // Closed for good (deleted, failed, shutting down) after this connection asked for the
    // room: it gets the close the others got.
    if (this.closedWith !== undefined) {
      conn.close(this.closedWith.code, this.closedWith.reason);
      return;
    }
    this.conns.add(conn);
    await this.handshake.welcome(conn);
  }

  leave(conn: Connection): void {
    if (!this.conns.delete(conn)) return;
    this.presence.release(conn);
    if (this.conns.size === 0) this.deps.onEmpty(this);
  }

  /** Handles one frame; a returned promise holds the connection's next frames back. */
  handle(conn: Connection, frame: Frame): Promise<void> | undefined {
    switch (frame.kind) {
      case 'sync-step1':
        return this.handshake.answerStep1(conn, frame.stateVector);
      case 'sync-step2':
      case 'update':
        // A fresh client answers the server's sync step 1 with nothing: leave the doc as it is.
        if (frame.kind === 'sync-step2' && isEmptyUpdate(frame.decoded)) return;
        this.applyIfAllowed(conn, frame);
        // A client streaming faster than the disk takes waits here, so its further frames
        // stay unread in its socket (the connection pauses reading) instead of in memory.
        return this.writes.pendingCount > MAX_PENDING_WRITES ? this.whenDurable() : undefined;
      case 'awareness':
        this.presence.apply(conn, frame.update, frame.entries);
        return;
      case 'query-awareness':
        this.presence.answerQuery(conn);
        return;
      case 'auth':
        return;
    }
  }

  /**
   * Applies a change made on the server (HTTP API) and resolves once it is synced to disk
   * (the HTTP answer says it is saved). `update` must already be validated. Worked out
   * against a snapshot, it may delete a block someone typed into since: the others get only
   * the deletions `update` lists, never those words (issue #19, as for a sync step 2).
   */
  async applyServerUpdate(update: Uint8Array, origin: string | object): Promise<void> {
    const listed = Y.decodeUpdate(update).ds;
    this.changes.applyReencoded((doc) => Y.applyUpdate(doc, update, origin), origin, listed);
    await this.whenServerChangeSynced();
  }

  /** Like `applyServerUpdate`, for a change written straight into the document (comments from the API). */
  async applyServerChange(change: (doc: Y.Doc) => void, origin: string | object): Promise<void> {
    this.changes.applyReencoded((doc) => change(doc), origin);
    await this.whenServerChangeSynced();
  }

  /** The HTTP answer to a server-side change says it is saved: it waits for the sync. */
  private async whenServerChangeSynced(): Promise<void> {
    const synced = await this.writes.whenSynced().then(
      () => true,
      () => false,
    );
    if (!synced || this.hasFailed) throw new StorageError(`document "${this.docName}" could not be saved`);
  }

  /** Seeds a new document: `write` fills it; what it wrote is stored like any change. */
  seed(write: (doc: Y.Doc) => void): void {
    this.changes.applyReencoded((doc) => Y.transact(doc, () => write(doc), 'seed'), 'seed');
  }

  /**
   * Closes every socket of the room with `code`, and any that joins later (on shutdown, on
   * failure, when the document is deleted).
   */
  closeAll(code: number, reason: string): void {
    this.closedWith ??= { code, reason };
    for (const conn of this.conns) conn.close(code, reason);
  }

  /** The whole document as one state, as the store keeps it (see `StoredDoc.compactedState`). */
  compactedState(): Uint8Array {
    return this.state.compactedState();
  }

  /** Writes the whole doc back as one compacted state, if the log has more than that. */
  async writeBack(): Promise<void> {
    await this.whenDurable();
    if (!this.hasFailed && this.deps.store.logSize(this.docName).count > 1) {
      await this.deps.store.compact(this.docName, this.state.compactedState());
    }
  }

  destroy(): void {
    this.writes.stop();
    this.channel.close();
    this.presence.destroy();
    this.state.destroy();
  }

  private applyIfAllowed(conn: Connection, frame: Extract<Frame, { kind: 'sync-step2' | 'update' }>): void {
    const { isAllowed, relabel } = mayApply(conn, frame, this.doc);
    if (!isAllowed) return refuseReadOnlyUpdate(conn, frame.decoded);
    this.applyRemote(frame, conn);
    if (relabel.length > 0 && conn.user !== undefined) {
      const author = authorOf(conn.user);
      this.changes.applyReencoded((doc) => relabelComments(doc, relabel, author, RELABEL_ORIGIN), RELABEL_ORIGIN);
    }
  }

  private applyRemote(frame: Extract<Frame, { kind: 'sync-step2' | 'update' }>, conn: Connection): void {
    checkClientUpdate(frame, this.doc, this.deleted, this.docName);
    try {
      // A sync step 2 carries the client's whole delete set, mostly known already: store
      // and relay only what it changed (relaying only deletions it listed: issue #19). A
      // keystroke is stored and relayed as sent.
      if (frame.kind === 'update') this.changes.applyAsSent(frame.update, conn, frame);
      else this.changes.applyReencoded((doc) => Y.applyUpdate(doc, frame.update, conn), conn, frame.decoded.ds);
    } catch (err) {
      throw new ProtocolError(CloseCode.UnsupportedData, `update could not be applied: ${(err as Error).message}`);
    }
  }

  private fail(err: unknown, origin: unknown): void {
    if (this.hasFailed) return;
    const sender = origin instanceof Object && 'id' in origin ? origin.id : undefined;
    this.logger.error({ err, code: CloseCode.InternalError, conn: sender }, 'storage write failed');
    this.close('storage failure');
  }

  /**
   * The doc in memory may hold part of a change that failed: drop it and keep what is
   * stored, for the next join to reload. A sending client gets 1003 (the caller logs why);
   * every other socket 1011, and reconnects.
   */
  private discard(err: unknown, origin: unknown): void {
    if (this.hasFailed) return;
    const sender = origin instanceof Connection ? origin : undefined;
    this.logger.error({ err, conn: sender?.id }, 'a change failed halfway; the document is reloaded from storage');
    sender?.close(CloseCode.UnsupportedData, 'update could not be applied');
    this.close('document reloaded');
  }

  /** Closes every socket with 1011 and has the registry drop the room without writing back. */
  private close(reason: string): void {
    this.hasFailed = true;
    this.writes.stop();
    this.closeAll(CloseCode.InternalError, reason);
    this.deps.onFailed(this);
  }
}
