import * as Y from 'yjs';

/**
 * What deleting a document removed, kept so that it stays deleted (README: HTTP API,
 * delete). A client that was away when the document was deleted still holds a copy (a
 * browser's IndexedDB, a stock client's memory); when it comes back it sends that copy to
 * the server, which would bring the deleted text back into a new document of the same
 * name. Everything the deleted document held is identified by its clocks: per client, the
 * clock just past its last struct. Content below those clocks can only come from a copy of
 * a deleted document, since Yjs clients never reuse a clock.
 */
export type DeletedClocks = Map<number, number>;

/** The clocks of `stored` (a document's stored log) added to `previous` deletions of its name. */
export function recordDeletion(previous: Uint8Array | undefined, stored: Uint8Array[]): Uint8Array {
  const clocks: DeletedClocks = previous === undefined ? new Map() : Y.decodeStateVector(previous);
  for (const update of stored) {
    for (const [client, clock] of Y.parseUpdateMeta(update).to) {
      if (clock > (clocks.get(client) ?? 0)) clocks.set(client, clock);
    }
  }
  return Y.encodeStateVector(clocks);
}

/** Whether `update` carries any content of a deleted document. */
export function carriesDeletedContent(update: Uint8Array, deleted: DeletedClocks): boolean {
  for (const [client, from] of Y.parseUpdateMeta(update).from) {
    if (from < (deleted.get(client) ?? 0)) return true;
  }
  return false;
}
