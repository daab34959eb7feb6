import * as Y from 'yjs';
import { UnseenDeletions } from './unseen-deletions.js';

/**
 * A loaded document and what of it is known to be on disk. A document stored as one
 * compacted state answers its first joiners straight from those bytes (a large document
 * takes far longer to apply than to send); anything else applies the state first (`doc`).
 */
export class StoredDoc {
  /** The Y.Doc, possibly without the stored state applied yet (see `doc`). */
  readonly ydoc = new Y.Doc();
  /** Deletions applied that nobody listed, left out of what joiners get (issue #19). */
  readonly unseen = new UnseenDeletions();
  /** The stored state, while it has not been applied to `ydoc` yet. */
  private storedState: Uint8Array | undefined;
  /** Clocks known to be on disk; computed when first needed (see `durableClocks`). */
  private durableClocksValue: Map<number, number> | undefined;

  /** `stored`: the document's stored log, as loaded. */
  constructor(stored: Uint8Array[]) {
    if (stored.length === 1) this.storedState = stored[0];
    else if (stored.length > 1) this.applyStored(stored);
    if (this.storedState === undefined) this.durableClocksValue = Y.decodeStateVector(this.stateVector());
  }

  /** The document, with everything stored applied. */
  get doc(): Y.Doc {
    if (this.storedState !== undefined) {
      const state = this.storedState;
      this.storedState = undefined;
      this.applyStored([state]);
      // Before anything changes the doc: from now on its state is more than what is on disk.
      this.durableClocksValue ??= Y.decodeStateVector(Y.encodeStateVector(this.ydoc));
    }
    return this.ydoc;
  }

  /** The whole document as one state, to store (deletions nobody listed left out, see `unseen`). */
  compactedState(): Uint8Array {
    return this.unseen.narrow(Y.encodeStateAsUpdate(this.doc), this.ydoc);
  }

  /**
   * Applies a stored log in one transaction: Yjs then works out the document's state once
   * for the whole log rather than once per entry, and nothing merges the entries first
   * (merging a log of a few thousand keystrokes costs seconds), so a long log loads fast.
   */
  private applyStored(log: readonly Uint8Array[]): void {
    Y.transact(this.ydoc, () => {
      for (const entry of log) Y.applyUpdate(this.ydoc, entry);
    });
    this.unseen.recall(this.ydoc, log);
  }

  /** Whether the stored state still waits to be applied (answering from it is cheap). */
  get isPending(): boolean {
    return this.storedState !== undefined;
  }

  stateVector(): Uint8Array {
    return this.storedState === undefined
      ? Y.encodeStateVector(this.ydoc)
      : Y.encodeStateVectorFromUpdate(this.storedState);
  }

  /** What a client with `stateVector` lacks; from the stored bytes while they are not applied. */
  stateAsUpdate(stateVector: Uint8Array): Uint8Array {
    if (this.storedState === undefined)
      return this.unseen.narrow(Y.encodeStateAsUpdate(this.ydoc, stateVector), this.ydoc);
    return Y.decodeStateVector(stateVector).size === 0 ? this.storedState : Y.diffUpdate(this.storedState, stateVector);
  }

  /** The state vector of what is on disk (sent as acknowledgements). */
  durableStateVector(): Uint8Array {
    return Y.encodeStateVector(this.durableClocks);
  }

  /** Records that changes ending at `ends` (per client, the clock past its last struct) are on disk. */
  markDurable(ends: Iterable<[number, number]>): void {
    const clocks = this.durableClocks;
    for (const [client, clock] of ends) {
      if ((clocks.get(client) ?? 0) < clock) clocks.set(client, clock);
    }
  }

  /** Everything stored is durable: until the doc changes, its clocks are the stored state's. */
  private get durableClocks(): Map<number, number> {
    this.durableClocksValue ??= Y.decodeStateVector(this.stateVector());
    return this.durableClocksValue;
  }

  destroy(): void {
    this.ydoc.destroy();
  }
}
