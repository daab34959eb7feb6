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
 * goes onto the store's group commit; once that write is done (a crash of the process can
 * no longer lose it) it is relayed to the room's sockets, one merged frame per socket per
 * batch (right after the write when the store can say so, see `relaysAfterWrite`; else when
 * its promise resolves), and the log compacted when it has grown. Then the store syncs
 * (group-committed, on its own cadence) and only after the sync are `?ack=1` clients told
 * the change is saved. With `syncBeforeRelay` relaying waits for the sync too. Stores need not finish
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
  /** Milliseconds on a monotonic clock (tests pass their own); `performance.now` by default. */
  now?: () => number;
}

const DONE = Promise.resolve();
const NOTHING = (): void => undefined;
/**
 * A room that relayed less than this long ago is busy: its changes wait for the end of the
 * event loop's turn, so the others that arrive in the same turn go out with them, one frame
 * per socket (with many writers, sends are most of the cost). Any other room's change is
 * written and relayed as soon as the frame that carried it has been handled.
 */
export const BUSY_AFTER_RELAY_MS = 10;

/** Changes waiting for one write of the store, to be relayed right after it (`relaysAfterWrite`). */
interface WriteBatch {
  written: Promise<void>;
  changes: StoredChange[];
}

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
  /** Changes relayed once the store's current write is done (see `relaysAfterWrite`). */
  private afterWrite: WriteBatch | undefined;
  private lastRelayAt = -Infinity;
  private readonly now: () => number;
  /** The sync the last relayed batches wait for, and where their changes end. */
  private awaitingSync: { sync: Promise<void>; ends: ClockEnds[] } | undefined;

  constructor(private readonly deps: DurableWritesDeps) {
    this.now = deps.now ?? (() => performance.now());
  }

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
    if (syncBeforeRelay && store.sync) {
      this.track(
        written.then(() => store.sync?.()),
        () => this.onStored(change, queueMicrotask),
        change.origin,
      );
      return;
    }
    if (this.relaysAfterWrite(change, written)) {
      this.track(written, NOTHING, change.origin);
      return;
    }
    // A store resolves a whole batch's writes at once, so their callbacks all run before a
    // microtask queued by the first: the batch is relayed together without waiting a turn.
    this.track(written, () => this.onStored(change, queueMicrotask), change.origin);
  }

  /**
   * With a store that says synchronously when its writes are done (`DocStore.afterAppend`),
   * `change` is relayed right then, in the turn of the write, before any promise callback;
   * an idle room has it written and relayed once the frame that carried it is handled, a
   * busy one at the end of the loop's turn (`BUSY_AFTER_RELAY_MS`). A store hands the appends
   * of one write the same promise (`written`): the room's changes in it go out together.
   */
  private relaysAfterWrite(change: StoredChange, written: Promise<void>): boolean {
    const batch = this.afterWrite;
    if (batch?.written === written) {
      batch.changes.push(change);
      return true;
    }
    const next = { written, changes: [change] };
    const isIdle = this.now() - this.lastRelayAt >= BUSY_AFTER_RELAY_MS;
    const relayNext = (isWritten: boolean): void => this.relayWritten(next, isWritten);
    if (!this.deps.store.afterAppend?.(written, relayNext, isIdle)) return false;
    this.afterWrite = next;
    return true;
  }

  /** A failed write relays nothing (its promise fails the room). */
  private relayWritten(batch: WriteBatch, isWritten: boolean): void {
    if (this.afterWrite === batch) this.afterWrite = undefined;
    if (!isWritten || this.isStopped) return;
    try {
      this.relay(batch.changes);
    } catch (err) {
      this.deps.onFailed(err, undefined);
    }
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

  /** Relays what a store that tells only through its promises has stored (see `persist`). */
  private readonly relayStored = (): void => {
    this.isRelayDue = false;
    const changes = this.outbox;
    this.outbox = [];
    // Unloaded meanwhile: nobody is left to send to, and the store has let the doc go.
    if (this.isStopped || changes.length === 0) return;
    this.relay(changes);
  };

  /** Everything stored in one batch is relayed together, then acknowledged once synced. */
  private relay(changes: StoredChange[]): void {
    this.lastRelayAt = this.now();
    relayBatch(this.deps.recipients, changes);
    const ends = changes.map((change) => change.ends ?? Y.parseUpdateMeta(change.update).to);
    const { store, syncBeforeRelay } = this.deps;
    // Synced already (strict order), or a store whose writes are as durable as they get.
    if (syncBeforeRelay || !store.sync) this.acknowledge(ends);
    else this.acknowledgeWhenSynced(store.sync(), ends);
    this.maybeCompact();
    this.deps.onRelayed(changes);
  }

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
      store.compact(docName, state.compactedState()),
      () => {
        this.isCompacting = false;
        logger.debug(store.logSize(docName), 'compacted');
      },
      undefined,
    );
  }
}
