import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { DocStore } from '../storage/doc-store.js';
import type { ClockEnds } from '../protocol/decode.js';
import { encodeAck } from '../protocol/encode.js';
import { REMOTE_ORIGIN } from '../storage/fanout.js';
import { relayBatch, type DurableChange, type Recipient } from './batch-relay.js';
import { shouldCompact } from './compaction.js';
import type { StoredDoc } from './stored-doc.js';

/**
 * Write, relay, sync, acknowledge (SPEC: Guarantees, durability). Every change of a room
 * goes onto the store's group commit; once that write resolves (a crash of the process can
 * no longer lose it) it is relayed to the room's sockets, one merged frame per socket per
 * batch, and the log compacted when it has grown. Then the store syncs (group-committed,
 * on its own cadence) and only after the sync are `?ack=1` clients told the change is
 * saved. With `syncBeforeRelay` relaying waits for the sync too. Stores need not finish
 * writes in order: `whenDurable` waits for every write queued so far. A failed write or
 * sync is reported once (`onFailed`).
 */
export interface StoredChange extends DurableChange {
  /** Where its clocks end, when known from decoding it; parsed again otherwise. */
  ends: ClockEnds | undefined;
  /** With `relayed`: its deletions alone, for the store (see `DocStore.append`). */
  relayedDeletions?: Uint8Array | undefined;
}

/** An ack-aware socket of the room. */
export interface AckRecipient extends Recipient {
  readonly wantsAck: boolean;
}

export interface DurableWritesDeps {
  docName: string;
  store: DocStore;
  state: StoredDoc;
  recipients: Set<AckRecipient>;
  logger: Logger;
  /** Relay only once the write is synced to disk too (`--sync-before-relay`). */
  syncBeforeRelay: boolean;
  /** A write failed; the room fails (`origin` is who sent the change, if known). */
  onFailed(err: unknown, origin: unknown): void;
  /** A batch of changes was stored and relayed. */
  onRelayed(changes: readonly StoredChange[]): void;
}

const DONE = Promise.resolve();

export class DurableWrites {
  /** Writes not stored yet (with `syncBeforeRelay`: not synced yet). */
  private readonly pending = new Set<Promise<void>>();
  /** Changes that were stored and are waiting to be relayed together. */
  private outbox: StoredChange[] = [];
  private isRelayDue = false;
  private isCompacting = false;
  /** Set once the room failed or unloaded: nothing more is relayed. */
  private isStopped = false;
  /** An ack is due at the next turn (every sync that resolved meanwhile shares it). */
  private isAckDue = false;
  /** The sync the last relayed batches wait for, and where their changes end. */
  private awaitingSync: { sync: Promise<void>; ends: ClockEnds[] } | undefined;

  constructor(private readonly deps: DurableWritesDeps) {}

  /** Writes not stored yet (a sender waits past a bound, see `Room.handle`). */
  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * Resolves once every write queued so far is stored (and synced, with `syncBeforeRelay`),
   * so whatever is sent afterwards may contain them. Writes queued later are not waited
   * for, so a busy document never starves a joiner: callers encode what they will send
   * first, then wait for exactly the writes that state contains.
   */
  whenDurable(): Promise<void> {
    return this.pending.size === 0 ? DONE : Promise.all(this.pending).then(() => undefined);
  }

  /** Resolves once every write queued so far is synced to disk (see `DocStore.sync`). */
  async whenSynced(): Promise<void> {
    await this.whenDurable();
    await this.deps.store.sync?.();
  }

  /** Stores `change`, then relays it; one from another instance is stored already. */
  persist(change: StoredChange): void {
    if (change.origin === REMOTE_ORIGIN) {
      // Each arrives in its own callback: the rest of this turn's arrivals join it.
      this.onStored(change, setImmediate);
      return;
    }
    const { store, docName, syncBeforeRelay } = this.deps;
    const written = store.append(docName, change.update, change.relayedDeletions);
    const stored = syncBeforeRelay && store.sync ? written.then(() => store.sync?.()) : written;
    // A store resolves a whole batch's writes at once, so their callbacks all run before a
    // microtask queued by the first: the batch is relayed together without waiting a turn.
    this.track(stored, () => this.onStored(change, queueMicrotask), change.origin);
  }

  /** Stops relaying (the room failed or unloaded); writes already queued still land. */
  stop(): void {
    this.isStopped = true;
  }

  /** Makes `whenDurable()` wait for `write` until it settles, then runs `onWritten` or fails. */
  private track(write: Promise<void>, onWritten: () => void, origin: unknown): void {
    const tracked: Promise<void> = write.then(
      () => {
        this.pending.delete(tracked);
        onWritten();
      },
      (err: unknown) => {
        this.pending.delete(tracked);
        this.deps.onFailed(err, origin);
      },
    );
    this.pending.add(tracked);
  }

  private onStored(change: StoredChange, later: (relay: () => void) => void): void {
    if (this.isStopped) return;
    this.outbox.push(change);
    if (this.isRelayDue) return;
    this.isRelayDue = true;
    later(this.relayStored);
  }

  /** Everything stored in one batch is relayed together, then acknowledged once synced. */
  private readonly relayStored = (): void => {
    this.isRelayDue = false;
    const changes = this.outbox;
    this.outbox = [];
    // Unloaded meanwhile: nobody is left to send to, and the store has let the doc go.
    if (this.isStopped || changes.length === 0) return;
    relayBatch(this.deps.recipients, changes);
    const ends = changes.map((change) => change.ends ?? Y.parseUpdateMeta(change.update).to);
    const { store, syncBeforeRelay } = this.deps;
    // Synced already (strict order), or a store whose writes are as durable as they get.
    if (syncBeforeRelay || !store.sync) this.acknowledge(ends);
    else this.acknowledgeWhenSynced(store.sync(), ends);
    this.maybeCompact();
    this.deps.onRelayed(changes);
  };

  /**
   * Acks follow syncs: `sync` covers the changes ending at `ends`; a failed one fails the
   * room. A store hands every batch that one sync will cover the same promise: those
   * batches wait on it together. The batches one sync covered get one ack between them,
   * sent at the next turn, if anyone asked for acks.
   */
  private acknowledgeWhenSynced(sync: Promise<void>, ends: ClockEnds[]): void {
    const waiting = this.awaitingSync;
    if (waiting?.sync === sync) {
      for (const end of ends) waiting.ends.push(end);
      return;
    }
    const next = { sync, ends };
    this.awaitingSync = next;
    sync.then(
      () => {
        if (this.awaitingSync === next) this.awaitingSync = undefined;
        if (this.isStopped) return;
        for (const end of next.ends) this.deps.state.markDurable(end);
        if (this.isAckDue || !this.hasAckRecipient()) return;
        this.isAckDue = true;
        setImmediate(this.sendDueAck);
      },
      (err: unknown) => this.deps.onFailed(err, undefined),
    );
  }

  private hasAckRecipient(): boolean {
    for (const recipient of this.deps.recipients) if (recipient.wantsAck) return true;
    return false;
  }

  private readonly sendDueAck = (): void => {
    this.isAckDue = false;
    if (!this.isStopped) this.acknowledge([]);
  };

  /** Records changes ending at `ends` as on disk and tells `?ack=1` clients what is. */
  private acknowledge(ends: ClockEnds[]): void {
    for (const end of ends) this.deps.state.markDurable(end);
    let ack: Uint8Array | undefined;
    for (const recipient of this.deps.recipients) {
      if (!recipient.wantsAck) continue;
      ack ??= encodeAck(this.deps.state.durableStateVector());
      recipient.send(ack);
    }
  }

  private maybeCompact(): void {
    const { store, docName, state, logger } = this.deps;
    if (this.isCompacting || !shouldCompact(store.logSize(docName))) return;
    this.isCompacting = true;
    this.track(
      store.compact(docName, Y.encodeStateAsUpdate(state.doc)),
      () => {
        this.isCompacting = false;
        logger.debug(store.logSize(docName), 'compacted');
      },
      undefined,
    );
  }
}
