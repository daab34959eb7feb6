import * as Y from 'yjs';

/**
 * What other sockets get of a re-encoded sync step 2, or of a PUT's change worked out
 * against a snapshot, or of either read back from another instance (issue #19). Yjs lists in a
 * transaction's delete set every item the transaction deleted, and deleting a type deletes
 * its children: a sync step 2 that deletes a paragraph also lists the words someone else
 * typed into it meanwhile, which the sender never saw. Relayed as is, the typist's binding
 * would read those words as deleted by someone who had seen them. So the relayed version
 * keeps the stored update's structs and only the deletions the sender listed itself; each
 * receiver deletes the children of a deleted type on its own, as the server did. Everything
 * it holds is in the stored update, so relaying it after the write keeps durability. In
 * cluster mode the narrowed delete set is stored beside the update (`deletions`), and the
 * other instances narrow what they relay to it.
 */
type DeleteSet = Y.Transaction['deleteSet'];
export type DeleteItem = { clock: number; len: number };

export interface SenderDeletions {
  /** What the others get: the stored update's structs and the narrowed delete set. */
  relayed: Uint8Array;
  /**
   * The narrowed delete set alone, as an update without structs: what another instance
   * needs to relay the same (cluster mode stores it beside the update, see `DocStore.append`).
   */
  deletions: Uint8Array;
}

/**
 * `stored` (as Yjs encoded `transaction`) with its delete set narrowed to what `sender`
 * lists; `undefined` when that is all of it. `stored` must be V1 and end with
 * `transaction.deleteSet` (Yjs writes an update's structs, then its delete set).
 */
export function senderDeletionsOnly(
  stored: Uint8Array,
  transaction: Y.Transaction,
  sender: DeleteSet,
): SenderDeletions | undefined {
  const all = encodeDeleteSet(transaction.deleteSet.clients);
  const kept = intersect(transaction.deleteSet.clients, sender.clients);
  const narrowed = encodeDeleteSet(kept);
  if (equalBytes(narrowed, all)) return undefined;
  const structsEnd = stored.length - all.length;
  // Only another Yjs version could encode it differently: then it is relayed as stored.
  if (structsEnd < 0 || !equalBytes(stored.subarray(structsEnd), all)) return undefined;
  const relayed = new Uint8Array(structsEnd + narrowed.length);
  relayed.set(stored.subarray(0, structsEnd));
  relayed.set(narrowed, structsEnd);
  // An update is its structs (a count first: none here), then its delete set.
  const deletions = new Uint8Array(1 + narrowed.length);
  deletions.set(narrowed, 1);
  return { relayed, deletions };
}

/** The ranges of `a` also in `b`, per client (both sorted and merged, as Yjs keeps them). */
function intersect(a: Map<number, DeleteItem[]>, b: Map<number, DeleteItem[]>): Map<number, DeleteItem[]> {
  const kept = new Map<number, DeleteItem[]>();
  for (const [client, ranges] of a) {
    const others = b.get(client);
    if (others === undefined) continue;
    // A client's ranges need not come sorted: the transaction's are (Yjs sorts them).
    const common = intersectRanges(
      ranges,
      [...others].sort((x, y) => x.clock - y.clock),
    );
    if (common.length > 0) kept.set(client, common);
  }
  return kept;
}

function intersectRanges(a: DeleteItem[], b: DeleteItem[]): DeleteItem[] {
  const common: DeleteItem[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as DeleteItem;
    const y = b[j] as DeleteItem;
    const start = Math.max(x.clock, y.clock);
    const end = Math.min(x.clock + x.len, y.clock + y.len);
    if (start < end) common.push({ clock: start, len: end - start });
    if (x.clock + x.len <= y.clock + y.len) i++;
    else j++;
  }
  return common;
}

/** A delete set as Yjs's V1 encoder writes it (clients in descending order). */
export function encodeDeleteSet(clients: Map<number, DeleteItem[]>): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoder.writeLen(clients.size);
  const sorted = [...clients.entries()].sort((x, y) => y[0] - x[0]);
  for (const [client, ranges] of sorted) {
    encoder.resetDsCurVal();
    encoder.writeClient(client);
    encoder.writeLen(ranges.length);
    for (const range of ranges) {
      encoder.writeDsClock(range.clock);
      encoder.writeDsLen(range.len);
    }
  }
  return encoder.toUint8Array();
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
