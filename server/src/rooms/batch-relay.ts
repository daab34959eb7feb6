import * as Y from 'yjs';
import { encodeUpdate } from '../protocol/encode.js';
import { SharedFrame, type OutgoingFrame } from '../transport/shared-frame.js';

/**
 * Relaying what one storage batch made durable (SPEC: Guarantees, durability). The batch
 * goes to each socket as one frame holding the changes merged, so a busy document costs one
 * send per socket per batch rather than one per keystroke. A socket never gets its own
 * changes back, unless one batch has so many authors that leaving each one's changes out
 * would cost a merge per author: then they get the whole batch (applying known changes is a
 * no-op for a Yjs client).
 */
export interface DurableChange {
  update: Uint8Array;
  /** The connection (or other source) the change came from. */
  origin: unknown;
  /** The frame `update` arrived in, if it can be relayed as it is. */
  frame?: Uint8Array | undefined;
  /**
   * What other sockets get instead of `update`, when that differs (a re-encoded sync step 2
   * keeps only the deletions its sender listed, see `senderDeletionsOnly`).
   */
  relayed?: Uint8Array | undefined;
}

export interface Recipient {
  send(frame: OutgoingFrame): void;
}

const MAX_EXCLUDED_AUTHORS = 8;

/** Sends `changes` to `recipients`. */
export function relayBatch(recipients: Iterable<Recipient>, changes: DurableChange[]): void {
  const authors = new Set(changes.map((change) => change.origin));
  const excludesAuthors = authors.size <= MAX_EXCLUDED_AUTHORS;
  let whole: SharedFrame | undefined;
  for (const recipient of recipients) {
    if (!authors.has(recipient) || !excludesAuthors) {
      whole ??= new SharedFrame(frameOf(changes));
      recipient.send(whole);
      continue;
    }
    const others = changes.filter((change) => change.origin !== recipient);
    if (others.length > 0) recipient.send(frameOf(others));
  }
}

function frameOf(changes: DurableChange[]): Uint8Array {
  if (changes.length > 1) return encodeUpdate(Y.mergeUpdates(changes.map(relayedUpdate)));
  const [change] = changes as [DurableChange];
  return change.frame ?? encodeUpdate(relayedUpdate(change));
}

function relayedUpdate(change: DurableChange): Uint8Array {
  return change.relayed ?? change.update;
}
