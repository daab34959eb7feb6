import * as Y from 'yjs';
import { TextIndex, readThreads, rootOf, threadsMapOf } from '@quire/shared/comments';

/**
 * Threads on words a version restore brought back (SPEC: HTTP versions, Comments; issue
 * 23). A restore replaces the blocks that changed with new ones, so the words come back
 * as new characters and the threads anchored to the old ones stayed marked "Text deleted".
 * The version still holds those old characters: a thread whose anchor lost its text and
 * resolves in the version is put on the same words in the document now, if they read the
 * same there (someone typing meanwhile may have moved or changed them; then it stays).
 * This is the server's own change, like the restore; a client may not move an anchor.
 */
export const RESTORE_ANCHORS_ORIGIN = 'restore-anchors';

export function reanchorRestoredThreads(doc: Y.Doc, versionState: Uint8Array): void {
  const lost = readThreads(doc).filter((thread) => thread.from === null);
  if (lost.length === 0) return;
  const version = new Y.Doc();
  Y.applyUpdate(version, versionState);
  const then = new TextIndex(rootOf(version));
  const now = new TextIndex(rootOf(doc));
  const threads = threadsMapOf(doc);
  doc.transact(() => {
    for (const thread of lost) {
      const at = offsetsIn(version, then, thread.start, thread.end);
      const words = at && then.text.slice(at.from, at.to);
      const anchor = at && words === now.text.slice(at.from, at.to) ? now.anchorOf(at.from, at.to) : null;
      const map = threads.get(thread.id);
      if (anchor === null || !(map instanceof Y.Map)) continue;
      map.set('start', Y.encodeRelativePosition(anchor.start));
      map.set('end', Y.encodeRelativePosition(anchor.end));
    }
  }, RESTORE_ANCHORS_ORIGIN);
  version.destroy();
}

function offsetsIn(
  doc: Y.Doc,
  index: TextIndex,
  start: Y.RelativePosition | null,
  end: Y.RelativePosition | null,
): { from: number; to: number } | null {
  const from = offsetOf(doc, index, start);
  const to = offsetOf(doc, index, end);
  return from === null || to === null || to <= from ? null : { from, to };
}

function offsetOf(doc: Y.Doc, index: TextIndex, position: Y.RelativePosition | null): number | null {
  const absolute = position === null ? null : Y.createAbsolutePositionFromRelativePosition(position, doc);
  return absolute === null ? null : index.offsetOf(absolute);
}
