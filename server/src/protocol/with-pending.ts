import * as Y from 'yjs';
import type { DecodedUpdate } from './update-check.js';

/**
 * Updates checked against a document (the editor's structure, the comment rules) are
 * checked together with what Yjs keeps waiting for missing parents or neighbours, since
 * those items land with the update that brings what they wait for.
 */

/** Items waiting in Yjs' pending store for a parent or neighbour are checked when they land. */
function withPending(update: Uint8Array, doc: Y.Doc): Uint8Array {
  const { pendingStructs, pendingDs } = doc.store;
  const waiting = [pendingStructs?.update, pendingDs].filter((part): part is Uint8Array => part != null);
  return waiting.length === 0 ? update : Y.mergeUpdates([...waiting, update]);
}

/**
 * `update` decoded with the items waiting in Yjs' pending store (`withPending`); `decoded`,
 * `update`'s own decoding, serves as it is when nothing waits.
 */
export function decodeWithPending(update: Uint8Array, doc: Y.Doc, decoded?: DecodedUpdate): DecodedUpdate {
  const merged = withPending(update, doc);
  return merged === update && decoded !== undefined ? decoded : Y.decodeUpdate(merged);
}
