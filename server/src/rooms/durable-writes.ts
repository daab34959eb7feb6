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
 * Write, then relay (SPEC: Guarantees, durability). Every change of a room goes onto the
 * store's group commit; only once that write resolves is it relayed to the room's sockets,
 * one merged frame per socket per batch, acknowledged to `?ack=1` clients, and the log
 * compacted when it has grown. Stores need not finish writes in order: `whenDurable`
 * waits for every write queued so far. A failed write is reported once (`onFailed`).
 */
export interface StoredChange extends DurableChange {
  /** Where its clocks end, when known from decoding it; parsed again otherwise. */
  ends: ClockEnds | undefined;
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
  /** A write failed; the room fails (`origin` is who sent the change, if known). */
  onFailed(err: unknown, origin: unknown): void;
  /** A batch of changes reached the disk and was relayed. */
  onRelayed(changes: readonly StoredChange[]): void;
}

const DONE = Promise.resolve();

export class DurableWrites {
  /** Writes not on disk yet. */
  private readonly pending = new Set<Promise<void>>();
  /** Changes that reached the disk and are waiting to be relayed together. */
  private outbox: StoredChange[] = [];
  private isCompacting = false;
  /** Set once the room failed or unloaded: nothing more is relayed. */
  private isStopped = false;

  constructor(private readonly deps: DurableWritesDeps) {}

  /** Writes not on disk yet (a sender waits past a bound, see `Room.handle`). */
  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * Resolves once every write queued so far is on disk. Writes queued later are not waited
   * for, so a busy document never starves a joiner: callers encode what they will send
   * first, then wait for exactly the writes that state contains.
   */
  whenDurable(): Promise<void> {
    return this.pending.size === 0 ? DONE : Promise.all(this.pending).then(() => undefined);
  }

  /** Stores `change`, then relays it; one from another instance is durable already. */
  persist(change: StoredChange): void {
    if (change.origin === REMOTE_ORIGIN) {
      this.onDurable(change);
      return;
    }
    this.track(this.deps.store.append(this.deps.docName, change.update), () => this.onDurable(change), change.origin);
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

  private onDurable(change: StoredChange): void {
    if (this.isStopped) return;
    this.outbox.push(change);
    // Writes of one batch become durable together: relay them after the whole batch.
    if (this.outbox.length === 1) setImmediate(this.relayDurable);
  }

  /** Everything that reached the disk in one batch is relayed together, then acknowledged. */
  private readonly relayDurable = (): void => {
    const changes = this.outbox;
    this.outbox = [];
    // Unloaded meanwhile: nobody is left to send to, and the store has let the doc go.
    if (this.isStopped || changes.length === 0) return;
    relayBatch(this.deps.recipients, changes);
    for (const change of changes) this.deps.state.markDurable(change.ends ?? Y.parseUpdateMeta(change.update).to);
    this.acknowledge();
    this.maybeCompact();
    this.deps.onRelayed(changes);
  };

  private acknowledge(): void {
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
