import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from 'pino';
import { CloseCode } from '@quire/shared';
import type { DocStore } from '../storage/doc-store.js';
import type { Frame } from '../protocol/decode.js';
import {
  encodeAck,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from '../protocol/encode.js';
import type { Connection } from './connection.js';
import { shouldCompact } from './compaction.js';
import { ProtocolError, StorageError } from '../errors.js';
import { REMOTE_ORIGIN, type Fanout, type FanoutChannel } from './fanout.js';

/**
 * One loaded document (STYLE §2). Every change to the doc, whoever made it, goes through
 * the doc's `update` event onto the store's group commit; only once that write resolves
 * is it relayed to the other sockets and acknowledged (SPEC: Guarantees, durability).
 * A joiner's state request is answered only after pending writes have drained, so nobody
 * ever sees state that is not on disk. A failed write fails the room: its sockets are
 * closed with 1011 and the registry drops it without writing anything back, so the next
 * join reloads what is really stored.
 */
const MAX_PENDING_WRITES = 4096;

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
  readonly awareness: awarenessProtocol.Awareness;
  private readonly conns = new Set<Connection>();
  private lastWrite: Promise<void> = Promise.resolve();
  /** Appends not yet on disk; past a bound, senders wait (see `handle`). */
  private pendingWrites = 0;
  private isCompacting = false;
  private hasFailed = false;
  private readonly durableClocks: Map<number, number>;
  private isAckScheduled = false;
  private readonly logger: Logger;
  private readonly channel: FanoutChannel;
  /** Server-side users of the room (HTTP requests) that keep it loaded. */
  holds = 0;

  constructor(
    readonly docName: string,
    readonly doc: Y.Doc,
    private readonly deps: RoomDeps,
  ) {
    this.logger = deps.logger.child({ doc: docName });
    this.durableClocks = Y.decodeStateVector(Y.encodeStateVector(doc));
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    doc.on('update', (update: Uint8Array, origin: unknown) => this.persist(update, origin));
    this.awareness.on('update', this.relayAwarenessChange);
    this.channel = deps.fanout.open(docName, {
      update: (update) => Y.applyUpdate(doc, update, REMOTE_ORIGIN),
      awareness: (update) => this.applyRemoteAwareness(update),
      deleted: () => deps.onDeletedElsewhere(this),
    });
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
    return this.lastWrite;
  }

  async join(conn: Connection): Promise<void> {
    this.conns.add(conn);
    const stateVector = Y.encodeStateVector(this.doc);
    await this.whenDurable();
    conn.send(encodeSyncStep1(stateVector));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      conn.send(this.encodeAllAwareness());
    }
    if (conn.wantsAck) conn.send(encodeAck(this.durableStateVector()));
  }

  leave(conn: Connection): void {
    if (!this.conns.delete(conn)) return;
    if (conn.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], conn);
    }
    if (this.conns.size === 0) this.deps.onEmpty(this);
  }

  async handle(conn: Connection, frame: Frame): Promise<void> {
    switch (frame.kind) {
      case 'sync-step1': {
        const reply = encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, frame.stateVector));
        await this.whenDurable();
        conn.send(reply);
        return;
      }
      case 'sync-step2':
      case 'update':
        if (conn.access === 'read') this.refuseUpdate(conn, frame.update);
        else this.applyRemote(frame.update, conn);
        // A client streaming faster than the disk takes waits here, so its further frames
        // stay unread in its socket (the connection pauses reading) instead of in memory.
        if (this.pendingWrites > MAX_PENDING_WRITES) await this.whenDurable();
        return;
      case 'awareness':
        this.applyAwareness(conn, frame.update, frame.entries);
        return;
      case 'query-awareness':
        conn.send(this.encodeAllAwareness());
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
    Y.applyUpdate(this.doc, update, origin);
    await this.whenDurable();
    if (this.hasFailed) throw new StorageError(`document "${this.docName}" could not be saved`);
  }

  /** Closes every socket of the room with `code` (used on shutdown and on failure). */
  closeAll(code: number, reason: string): void {
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
    this.channel.close();
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** SPEC: Access — a read-only client's edits are never applied, stored or relayed. */
  private refuseUpdate(conn: Connection, update: Uint8Array): void {
    if (conn.hasBeenDenied || isEmptyUpdate(update)) return;
    conn.hasBeenDenied = true;
    conn.logger.info('read-only client sent an update; refused');
    conn.send(encodePermissionDenied('read-only access: edits are not saved'));
  }

  private applyRemote(update: Uint8Array, conn: Connection): void {
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch (err) {
      throw new ProtocolError(CloseCode.UnsupportedData, `update could not be applied: ${(err as Error).message}`);
    }
  }

  private encodeAllAwareness(): Uint8Array {
    const clients = [...this.awareness.getStates().keys()];
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
  }

  private applyAwareness(conn: Connection, update: Uint8Array, entries: { clientId: number; state: unknown }[]): void {
    for (const { clientId, state } of entries) {
      if (state === null) conn.awarenessIds.delete(clientId);
      else conn.awarenessIds.add(clientId);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
  }

  private readonly relayAwarenessChange = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const clients = [...change.added, ...change.updated, ...change.removed];
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients);
    const frame = encodeAwareness(update);
    for (const conn of this.conns) if (conn !== origin) conn.send(frame);
    if (origin !== REMOTE_ORIGIN) this.channel.publishAwareness(update);
  };

  private applyRemoteAwareness(update: Uint8Array): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN);
    } catch (err) {
      this.logger.warn({ err }, 'undecodable awareness from another instance');
    }
  }

  private persist(update: Uint8Array, origin: unknown): void {
    // Another instance already made it durable; relay it at once.
    if (origin === REMOTE_ORIGIN) {
      this.onDurable(update, origin);
      return;
    }
    this.pendingWrites++;
    this.track(
      this.deps.store.append(this.docName, update).then(
        () => {
          this.pendingWrites--;
          this.onDurable(update, origin);
        },
        (err: unknown) => {
          this.pendingWrites--;
          this.fail(err, origin);
        },
      ),
    );
  }

  /** Makes `whenDurable()` also wait for `write` (stores need not finish writes in order). */
  private track(write: Promise<void>): void {
    const previous = this.lastWrite;
    this.lastWrite = Promise.all([previous, write]).then(() => undefined);
  }

  private onDurable(update: Uint8Array, origin: unknown): void {
    if (this.hasFailed) return;
    const frame = encodeUpdate(update);
    for (const conn of this.conns) if (conn !== origin) conn.send(frame);
    this.advanceDurableClocks(update);
    this.maybeCompact();
    this.deps.onDurableChange(this);
  }

  private advanceDurableClocks(update: Uint8Array): void {
    for (const [client, clock] of Y.parseUpdateMeta(update).to) {
      if ((this.durableClocks.get(client) ?? 0) < clock) this.durableClocks.set(client, clock);
    }
    if (this.isAckScheduled) return;
    this.isAckScheduled = true;
    // Writes of one batch resolve together: acknowledge them with a single message.
    setImmediate(() => {
      this.isAckScheduled = false;
      const frame = encodeAck(this.durableStateVector());
      for (const conn of this.conns) if (conn.wantsAck) conn.send(frame);
    });
  }

  private durableStateVector(): Uint8Array {
    return Y.encodeStateVector(this.durableClocks);
  }

  private maybeCompact(): void {
    if (this.isCompacting || !shouldCompact(this.deps.store.logSize(this.docName))) return;
    this.isCompacting = true;
    this.track(
      this.deps.store.compact(this.docName, Y.encodeStateAsUpdate(this.doc)).then(
        () => {
          this.isCompacting = false;
          this.logger.debug(this.deps.store.logSize(this.docName), 'compacted');
        },
        (err: unknown) => this.fail(err, undefined),
      ),
    );
  }

  private fail(err: unknown, origin: unknown): void {
    if (this.hasFailed) return;
    this.hasFailed = true;
    const sender = origin instanceof Object && 'id' in origin ? origin.id : undefined;
    this.logger.error({ err, code: CloseCode.InternalError, conn: sender }, 'storage write failed');
    this.closeAll(CloseCode.InternalError, 'storage failure');
    this.deps.onFailed(this);
  }
}

/** The stock client always answers sync step 1 with its state, usually empty. */
function isEmptyUpdate(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.length === 0 && ds.clients.size === 0;
}
