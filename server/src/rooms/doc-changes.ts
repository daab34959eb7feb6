import * as Y from 'yjs';
import type { ClockEnds } from '../protocol/decode.js';
import type { DurableWrites, StoredChange } from './durable-writes.js';
import type { StoredDoc } from './stored-doc.js';
import { REMOTE_ORIGIN, type DeleteSet } from '../storage/fanout.js';
import { senderDeletionsOnly } from './sender-deletions.js';

/**
 * Applying changes to a room's document and handing exactly what changed to the write
 * pipeline. A keystroke is stored and relayed as the bytes received, so Yjs never
 * re-encodes it; anything else is stored as Yjs encodes what it changed. A change that
 * throws may have changed part of the doc before: that part is neither stored nor relayed,
 * and `onHalfApplied` has the room drop its doc in memory.
 */
export class DocChanges {
  /** The doc's last finished transaction (set by `afterTransaction`). */
  private lastTransaction: Y.Transaction | undefined;

  constructor(
    private readonly state: StoredDoc,
    private readonly writes: DurableWrites,
    private readonly onHalfApplied: (err: unknown, origin: unknown) => void,
  ) {
    state.ydoc.on('afterTransaction', (transaction: Y.Transaction) => {
      this.lastTransaction = transaction;
    });
  }

  /**
   * Applies `update` and, if it changed the document (or left parts waiting for missing
   * dependencies, which the stored log must keep too), stores and relays the very bytes
   * received. Updates from clients were checked beforehand against what makes applying
   * one fail halfway.
   */
  applyAsSent(
    update: Uint8Array,
    origin: unknown,
    received?: { ends: ClockEnds; frame?: Uint8Array; decoded?: { ds: DeleteSet } },
  ): void {
    const doc = this.state.doc;
    // Yjs integrates the update's structs, and retries those waiting for missing ones: only
    // their clients' states can advance. Looking at those alone spares a walk over every
    // client the document ever had, per keystroke.
    const advanced = doc.store.pendingStructs === null ? received?.ends.keys() : undefined;
    this.lastTransaction = undefined;
    this.applyOrDiscard(() => Y.applyUpdate(doc, update, origin), origin);
    // Set by the `afterTransaction` listener during the apply.
    const transaction = this.lastTransaction as Y.Transaction | undefined;
    this.lastTransaction = undefined;
    const clients = transaction === undefined ? [] : [...(advanced ?? transaction.afterState.keys())];
    if (transaction !== undefined)
      this.state.unseen.note(transaction, () => (received?.decoded ?? Y.decodeUpdate(update)).ds, clients);
    const { pendingStructs, pendingDs } = doc.store;
    const changed = transaction !== undefined && changedDocument(transaction, clients);
    if (changed || pendingStructs !== null || pendingDs !== null) {
      this.writes.persist({ update, origin, ends: received?.ends, frame: received?.frame });
    }
  }

  /**
   * Runs `change` and stores exactly what it changed, as Yjs encodes it; nothing is stored
   * if `change` throws, even though Yjs reports what it had changed by then. With `senderDs`
   * (the delete set of the client update applied), the others get only those deletions of
   * it (see `senderDeletionsOnly`).
   */
  applyReencoded(change: (doc: Y.Doc) => void, origin: unknown, senderDs?: DeleteSet): void {
    const doc = this.state.doc;
    const changes: StoredChange[] = [];
    const capture = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction): void => {
      const narrowed = senderDs && senderDeletionsOnly(update, transaction, senderDs);
      if (senderDs !== undefined) this.state.unseen.note(transaction, () => senderDs);
      changes.push({
        // Stored without the deletions nobody listed, as relayed: applying it makes them anyway.
        update: narrowed?.relayed ?? update,
        origin,
        ends: undefined,
        relayed: narrowed?.relayed,
        relayedDeletions: narrowed?.deletions,
      });
    };
    doc.on('update', capture);
    try {
      this.applyOrDiscard(() => change(doc), origin);
    } finally {
      doc.off('update', capture);
    }
    for (const stored of changes) this.writes.persist(stored);
  }

  /**
   * Applies an update another instance stored. With `relayedDeletions` (what that instance
   * relayed of its deletions, issue #19) the sockets here get the same: the update as it
   * changed this doc, with only those deletions.
   */
  applyFromInstance(update: Uint8Array, relayedDeletions: DeleteSet | undefined): void {
    if (relayedDeletions === undefined) this.applyAsSent(update, REMOTE_ORIGIN);
    else this.applyReencoded((doc) => Y.applyUpdate(doc, update, REMOTE_ORIGIN), REMOTE_ORIGIN, relayedDeletions);
  }

  private applyOrDiscard(apply: () => void, origin: unknown): void {
    try {
      apply();
    } catch (err) {
      this.onHalfApplied(err, origin);
      throw err;
    }
  }
}

/** Whether a transaction integrated or deleted anything (`clients`: those whose state may have advanced). */
function changedDocument(transaction: Y.Transaction, clients: readonly number[]): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const client of clients) {
    if (transaction.beforeState.get(client) !== transaction.afterState.get(client)) return true;
  }
  return false;
}
