import * as Y from 'yjs';
import type { Logger } from 'pino';
import { CloseCode } from '@quire/shared';
import type { DocStore } from '../storage/doc-store.js';
import type { ClockEnds, Frame } from '../protocol/decode.js';
import { encodeAck, encodePermissionDenied, encodeSyncStep1, encodeSyncStep2 } from '../protocol/encode.js';
import { checkUpdateStructure } from '../protocol/update-structure.js';
import { Connection } from './connection.js';
import { shouldCompact } from './compaction.js';
import { ProtocolError, StorageError } from '../errors.js';
import { REMOTE_ORIGIN, type Fanout, type FanoutChannel } from '../storage/fanout.js';
import { relayBatch, type DurableChange } from './batch-relay.js';
import { carriesDeletedContent, type DeletedClocks } from './deleted-content.js';
import { RoomPresence } from './room-presence.js';

/**
 * One loaded document (STYLE §2). Every change to the doc, whoever made it, goes onto the
 * store's group commit (a keystroke as the bytes received, anything else as Yjs encodes
 * what changed); only once that write resolves is it relayed to the other sockets, one
 * merged frame per socket per batch, and acknowledged (SPEC: Guarantees, durability).
 * A joiner's state request is answered only after pending writes have drained, so nobody
 * ever sees state that is not on disk. A failed write fails the room: its sockets are
 * closed with 1011 and the registry drops it without writing anything back, so the next
 * join reloads what is really stored.
 */
const MAX_PENDING_WRITES = 4096;

const DONE = Promise.resolve();

/** A change on its way to the disk and then to the other sockets. */
interface StoredChange extends DurableChange {
  /** Where its clocks end, when known from decoding it; parsed again otherwise. */
  ends: ClockEnds | undefined;
}

export interface RoomDeps {
  store: DocStore;
  fanout: Fanout;
  logger: Logger;
  onEmpty(room: Room): void;
  onFailed(room: Room): void;
  /** Called after each change of the document reached the disk. */
  onDurableChange(room: Room): void;
  /** Another instance deleted the document. */
  onDeletedElsewhere(room: Room): void;
}

export class Room {
  private readonly presence: RoomPresence;
  private readonly conns = new Set<Connection>();
  /** Writes not on disk yet; past a bound, senders wait (see `handle`). */
  private readonly writes = new Set<Promise<void>>();
  private isCompacting = false;
  private hasFailed = false;
  private isDestroyed = false;
  /** Set once the room has closed its sockets for good (`closeAll`). */
  private closedWith: { code: number; reason: string } | undefined;
  /** Clocks known to be on disk; computed when first needed (see `durableClocks`). */
  private durableClocksValue: Map<number, number> | undefined;
  /** Changes that reached the disk and are waiting to be relayed together. */
  private durableOutbox: StoredChange[] = [];
  /** The doc's last finished transaction (set by `afterTransaction`). */
  private lastTransaction: Y.Transaction | undefined;
  private readonly logger: Logger;
  private readonly channel: FanoutChannel;
  /** Server-side users of the room (HTTP requests) that keep it loaded. */
  holds = 0;
  private readonly ydoc = new Y.Doc();
  /**
   * The stored state, while it has not been applied to `ydoc` yet. A document stored as one
   * compacted state answers its first joiners straight from these bytes (a large document
   * takes far longer to apply than to send); anything else applies it first (`doc`).
   */
  private storedState: Uint8Array | undefined;

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
    if (stored.length === 1) this.storedState = stored[0];
    else if (stored.length > 1) Y.applyUpdate(this.ydoc, Y.mergeUpdates(stored));
    if (this.storedState === undefined) this.durableClocksValue = Y.decodeStateVector(this.stateVector());
    this.presence = new RoomPresence({
      doc: this.ydoc,
      conns: this.conns,
      publish: (update) => this.channel.publishAwareness(update),
      logger: this.logger,
    });
    this.ydoc.on('afterTransaction', (transaction: Y.Transaction) => {
      this.lastTransaction = transaction;
    });
    this.channel = deps.fanout.open(docName, {
      update: (update) => this.applyAsSent(update, REMOTE_ORIGIN),
      awareness: (update) => this.presence.applyRemote(update),
      deleted: () => deps.onDeletedElsewhere(this),
    });
  }

  /** The document, with everything stored applied. */
  get doc(): Y.Doc {
    if (this.storedState !== undefined) {
      const state = this.storedState;
      this.storedState = undefined;
      Y.applyUpdate(this.ydoc, state);
      this.durableClocksValue ??= Y.decodeStateVector(Y.encodeStateVector(this.ydoc));
    }
    return this.ydoc;
  }

  /** Everything stored is durable: until the doc changes, its clocks are the stored state's. */
  private get durableClocks(): Map<number, number> {
    this.durableClocksValue ??= Y.decodeStateVector(this.stateVector());
    return this.durableClocksValue;
  }

  /** Resolves once presence from other instances reaches this room. */
  whenListening(): Promise<void> {
    return this.channel.listening;
  }

  get connectionCount(): number {
    return this.conns.size;
  }

  get failed(): boolean {
    return this.hasFailed;
  }

  /**
   * Resolves once every write queued so far is on disk. Writes queued later are not waited
   * for, so a busy document never starves a joiner: callers encode what they will send
   * first, then wait for exactly the writes that state contains.
   */
  whenDurable(): Promise<void> {
    return this.writes.size === 0 ? DONE : Promise.all(this.writes).then(() => undefined);
  }

  async join(conn: Connection): Promise<void> {
    // Closed for good (deleted, failed, shutting down) after this connection asked for the
    // room: it gets the close the others got.
    if (this.closedWith !== undefined) {
      conn.close(this.closedWith.code, this.closedWith.reason);
      return;
    }
    this.conns.add(conn);
    // The state vector of a stored state not applied yet costs a decode of all of it: let
    // the joiner's own sync step 1, usually here already, be answered first.
    if (this.storedState !== undefined) setImmediate(() => void this.greet(conn));
    else await this.greet(conn);
  }

  /** Sync step 1, everyone's presence, and the saved state for `?ack=1` clients. */
  private async greet(conn: Connection): Promise<void> {
    const stateVector = this.stateVector();
    await this.whenDurable();
    conn.send(encodeSyncStep1(stateVector));
    this.presence.greet(conn);
    if (conn.wantsAck) conn.send(encodeAck(this.durableStateVector()));
  }

  leave(conn: Connection): void {
    if (!this.conns.delete(conn)) return;
    this.presence.release(conn);
    if (this.conns.size === 0) this.deps.onEmpty(this);
  }

  /** Handles one frame; a returned promise holds the connection's next frames back. */
  handle(conn: Connection, frame: Frame): Promise<void> | undefined {
    switch (frame.kind) {
      case 'sync-step1': {
        const reply = encodeSyncStep2(this.stateAsUpdate(frame.stateVector));
        return this.whenDurable().then(() => conn.send(reply));
      }
      case 'sync-step2':
      case 'update':
        // A fresh client answers the server's sync step 1 with nothing: leave the doc as it is.
        if (frame.kind === 'sync-step2' && isEmptyUpdate(frame.update)) return;
        if (conn.access === 'read') this.refuseUpdate(conn, frame.update);
        else this.applyRemote(frame, conn);
        // A client streaming faster than the disk takes waits here, so its further frames
        // stay unread in its socket (the connection pauses reading) instead of in memory.
        return this.writes.size > MAX_PENDING_WRITES ? this.whenDurable() : undefined;
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
   * Applies a change made on the server (HTTP API) and resolves once it is on disk and
   * relayed. `update` must already be validated.
   */
  async applyServerUpdate(update: Uint8Array, origin: string): Promise<void> {
    this.applyReencoded(() => Y.applyUpdate(this.doc, update, origin), origin);
    await this.whenDurable();
    if (this.hasFailed) throw new StorageError(`document "${this.docName}" could not be saved`);
  }

  /**
   * Closes every socket of the room with `code`, and any that joins later (on shutdown, on
   * failure, when the document is deleted).
   */
  closeAll(code: number, reason: string): void {
    this.closedWith ??= { code, reason };
    for (const conn of this.conns) conn.close(code, reason);
  }

  /** Writes the whole doc back as one compacted state, if the log has more than that. */
  async writeBack(): Promise<void> {
    await this.whenDurable();
    if (!this.hasFailed && this.deps.store.logSize(this.docName).count > 1) {
      await this.deps.store.compact(this.docName, Y.encodeStateAsUpdate(this.doc));
    }
  }

  destroy(): void {
    this.isDestroyed = true;
    this.channel.close();
    this.presence.destroy();
    this.ydoc.destroy();
  }

  /** SPEC: Access — a read-only client's edits are never applied, stored or relayed. */
  private refuseUpdate(conn: Connection, update: Uint8Array): void {
    if (conn.hasBeenDenied || isEmptyUpdate(update)) return;
    conn.hasBeenDenied = true;
    conn.logger.info('read-only client sent an update; refused');
    conn.send(encodePermissionDenied('read-only access: edits are not saved'));
  }

  private stateVector(): Uint8Array {
    return this.storedState === undefined
      ? Y.encodeStateVector(this.ydoc)
      : Y.encodeStateVectorFromUpdate(this.storedState);
  }

  /** What a client with `stateVector` lacks; from the stored bytes while they are not applied. */
  private stateAsUpdate(stateVector: Uint8Array): Uint8Array {
    if (this.storedState === undefined) return Y.encodeStateAsUpdate(this.ydoc, stateVector);
    return Y.decodeStateVector(stateVector).size === 0 ? this.storedState : Y.diffUpdate(this.storedState, stateVector);
  }

  /** Seeds a new document: `write` fills it; what it wrote is stored like any change. */
  seed(write: (doc: Y.Doc) => void): void {
    this.applyReencoded(() => Y.transact(this.doc, () => write(this.doc), 'seed'), 'seed');
  }

  private applyRemote(frame: Extract<Frame, { kind: 'sync-step2' | 'update' }>, conn: Connection): void {
    // A copy kept by a client that was away when the document was deleted: its text stays
    // deleted, and the client learns why (it drops its copy, as when it sees a deletion live).
    if (this.deleted !== undefined && carriesDeletedContent(frame.update, this.deleted)) {
      throw new ProtocolError(CloseCode.DocumentDeleted, 'this copy is of a deleted document');
    }
    checkUpdateStructure(frame.update, this.doc);
    try {
      // A sync step 2 carries the client's whole delete set, mostly known already: store
      // and relay only what it changed. A keystroke is stored and relayed as sent.
      if (frame.kind === 'update') this.applyAsSent(frame.update, conn, frame);
      else this.applyReencoded(() => Y.applyUpdate(this.doc, frame.update, conn), conn);
    } catch (err) {
      throw new ProtocolError(CloseCode.UnsupportedData, `update could not be applied: ${(err as Error).message}`);
    }
  }

  /**
   * Applies `update` and, if it changed the document (or left parts waiting for missing
   * dependencies, which the stored log must keep too), stores and relays the very bytes
   * received, so Yjs never re-encodes a keystroke. Updates from clients were checked
   * beforehand (`checkUpdate`) against what makes applying one fail halfway.
   */
  private applyAsSent(update: Uint8Array, origin: unknown, received?: { ends: ClockEnds; frame?: Uint8Array }): void {
    this.lastTransaction = undefined;
    this.applyOrDiscard(() => Y.applyUpdate(this.doc, update, origin), origin);
    const transaction = this.takeLastTransaction();
    const { pendingStructs, pendingDs } = this.doc.store;
    const changed = transaction !== undefined && changedDocument(transaction);
    if (changed || pendingStructs !== null || pendingDs !== null) {
      this.persist({ update, origin, ends: received?.ends, frame: received?.frame });
    }
  }

  private takeLastTransaction(): Y.Transaction | undefined {
    const transaction = this.lastTransaction;
    this.lastTransaction = undefined;
    return transaction;
  }

  /**
   * Runs `change` and stores exactly what it changed, as Yjs encodes it; nothing is stored
   * if `change` throws, even though Yjs reports what it had changed by then.
   */
  private applyReencoded(change: () => void, origin: unknown): void {
    const changes: StoredChange[] = [];
    const capture = (update: Uint8Array, origin: unknown): void => {
      changes.push({ update, origin, ends: undefined });
    };
    this.doc.on('update', capture);
    try {
      this.applyOrDiscard(change, origin);
    } finally {
      this.doc.off('update', capture);
    }
    for (const stored of changes) this.persist(stored);
  }

  /**
   * Runs `apply`, a change to the doc. Checked updates are not known to fail, but one that
   * did may have changed part of the doc before throwing: that part is neither stored nor
   * relayed, so the doc in memory is dropped (`discard`) and the error rethrown.
   */
  private applyOrDiscard(apply: () => void, origin: unknown): void {
    try {
      apply();
    } catch (err) {
      this.discard(err, origin);
      throw err;
    }
  }

  private persist(change: StoredChange): void {
    // Another instance already made it durable; relay it at once.
    if (change.origin === REMOTE_ORIGIN) {
      this.onDurable(change);
      return;
    }
    this.track(this.deps.store.append(this.docName, change.update), () => this.onDurable(change), change.origin);
  }

  /**
   * Makes `whenDurable()` wait for `write` until it settles (stores need not finish writes
   * in order), then runs `onWritten`, or fails the room.
   */
  private track(write: Promise<void>, onWritten: () => void, origin: unknown): void {
    const tracked: Promise<void> = write.then(
      () => {
        this.writes.delete(tracked);
        onWritten();
      },
      (err: unknown) => {
        this.writes.delete(tracked);
        this.fail(err, origin);
      },
    );
    this.writes.add(tracked);
  }

  private onDurable(change: StoredChange): void {
    if (this.hasFailed) return;
    this.durableOutbox.push(change);
    // Writes of one batch become durable together: relay them after the whole batch.
    if (this.durableOutbox.length === 1) setImmediate(this.relayDurable);
  }

  /** Everything that reached the disk in one batch is relayed together, then acknowledged. */
  private readonly relayDurable = (): void => {
    const changes = this.durableOutbox;
    this.durableOutbox = [];
    // Unloaded meanwhile: nobody is left to send to, and the store has let the doc go.
    if (this.hasFailed || this.isDestroyed || changes.length === 0) return;
    relayBatch(this.conns, changes);
    this.advanceDurableClocks(changes);
    this.maybeCompact();
    this.deps.onDurableChange(this);
  };

  private advanceDurableClocks(changes: StoredChange[]): void {
    for (const change of changes) {
      for (const [client, clock] of change.ends ?? Y.parseUpdateMeta(change.update).to) {
        if ((this.durableClocks.get(client) ?? 0) < clock) this.durableClocks.set(client, clock);
      }
    }
    let ack: Uint8Array | undefined;
    for (const conn of this.conns) {
      if (!conn.wantsAck) continue;
      ack ??= encodeAck(this.durableStateVector());
      conn.send(ack);
    }
  }

  private durableStateVector(): Uint8Array {
    return Y.encodeStateVector(this.durableClocks);
  }

  private maybeCompact(): void {
    if (this.isCompacting || !shouldCompact(this.deps.store.logSize(this.docName))) return;
    this.isCompacting = true;
    this.track(
      this.deps.store.compact(this.docName, Y.encodeStateAsUpdate(this.doc)),
      () => {
        this.isCompacting = false;
        this.logger.debug(this.deps.store.logSize(this.docName), 'compacted');
      },
      undefined,
    );
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
    this.closeAll(CloseCode.InternalError, reason);
    this.deps.onFailed(this);
  }
}

/** Whether a transaction integrated or deleted anything. */
function changedDocument(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) {
    if (transaction.beforeState.get(client) !== clock) return true;
  }
  return false;
}

/** The stock client always answers sync step 1 with its state, usually empty. */
function isEmptyUpdate(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.length === 0 && ds.clients.size === 0;
}
