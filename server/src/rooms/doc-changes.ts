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
    this.lastTransaction = undefined;
    this.applyOrDiscard(() => Y.applyUpdate(doc, update, origin), origin);
    const transaction = this.lastTransaction;
    this.lastTransaction = undefined;
    if (transaction !== undefined)
      this.state.unseen.note(transaction, () => (received?.decoded ?? Y.decodeUpdate(update)).ds);
    const { pendingStructs, pendingDs } = doc.store;
    const changed = transaction !== undefined && changedDocument(transaction);
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

/** Whether a transaction integrated or deleted anything. */
function changedDocument(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) {
    if (transaction.beforeState.get(client) !== clock) return true;
  }
  return false;
}
