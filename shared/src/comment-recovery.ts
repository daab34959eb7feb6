import * as Y from 'yjs';
import type { TextIndex } from './text-index.js';

/**
 * Threads whose words were typed back (SPEC: Comments: a thread shows the words it is on
 * now). Anchors point at the very characters a thread was started on; once those are
 * deleted, the same words written again (retyped, or an undo seen from another page) are
 * new characters the anchor does not know. So a thread whose characters were deleted
 * inside a block that still exists follows its words when they stand again right where
 * they were (touching that point). Its deleted characters stay in every copy of the
 * document (Yjs keeps deleted items whose parent lives), so the page and the HTTP API,
 * which both read threads through here, agree. A thread whose whole block was deleted has
 * no such place left; a version restore puts it back on its words (the server's
 * `restore-anchors.ts`).
 */
export function recoverAnchor(
  doc: Y.Doc,
  index: TextIndex,
  start: Y.RelativePosition | null,
  quote: string,
): { from: number; to: number } | null {
  if (quote === '' || start?.item == null || !isDeletedInLiveBlock(doc, start.item)) return null;
  const place = Y.createAbsolutePositionFromRelativePosition(start, doc);
  const block = place === null || !(place.type instanceof Y.XmlText) ? null : index.rangeOf(place.type);
  const at = place === null ? null : index.offsetOf(place);
  if (block === null || at === null) return null;
  const from = Math.max(block.from, at - quote.length);
  const found = index.text.slice(from, Math.min(block.to, at + quote.length)).indexOf(quote);
  return found < 0 ? null : { from: from + found, to: from + found + quote.length };
}

/** Whether `id` is a deleted item (not a collected one) whose block still stands. */
function isDeletedInLiveBlock(doc: Y.Doc, id: Y.ID): boolean {
  const structs = doc.store.clients.get(id.client);
  const last = structs?.[structs.length - 1];
  if (structs === undefined || last === undefined || id.clock >= last.id.clock + last.length) return false;
  const struct = structs[Y.findIndexSS(structs, id.clock)];
  return (
    struct instanceof Y.Item && struct.deleted && struct.parent instanceof Y.XmlText && !struct.parent._item?.deleted
  );
}
