/**
 * What one had seen of others' edits when one deleted a character (issue 19; used by
 * undone-carried-away.ts). A collaborator's move of text one deleted and then wrote back by
 * undo holds the same words only if they moved it unseen: had one seen their move before
 * deleting, the words one deleted were others, typed after it. Each local transaction that
 * deletes notes what it deleted and the state vector it started from; the record lives as
 * long as the page, like the undo history that writes such characters back.
 */
import { createID, isDeleted, type Doc, type Transaction } from 'yjs';

/** How many deleting transactions are remembered (the newest). */
const MAX_REMEMBERED = 1000;

interface Deletion {
  deleted: Transaction['deleteSet'];
  seen: Map<number, number>;
}

const byDoc = new WeakMap<Doc, Deletion[]>();

/** Notes, on `doc`, what each local deletion had seen. */
export function noteDeletionKnowledge(doc: Doc): () => void {
  const deletions = byDoc.get(doc) ?? [];
  byDoc.set(doc, deletions);
  const onAfter = (transaction: Transaction): void => {
    if (!transaction.local || transaction.deleteSet.clients.size === 0) return;
    deletions.push({ deleted: transaction.deleteSet, seen: new Map(transaction.beforeState) });
    if (deletions.length > MAX_REMEMBERED) deletions.shift();
  };
  doc.on('afterTransaction', onAfter);
  return () => doc.off('afterTransaction', onAfter);
}

/**
 * Whether one's own deletion of the character `[client, clock]` had not seen `author`'s
 * writes from clock `from` on; false when no remembered deletion of it is known.
 */
export function deletedUnseen(doc: Doc, [client, clock]: [number, number], author: number, from: number): boolean {
  const deletions = byDoc.get(doc) ?? [];
  const id = createID(client, clock);
  for (let i = deletions.length - 1; i >= 0; i--) {
    const { deleted, seen } = deletions[i]!;
    if (isDeleted(deleted, id)) return from >= (seen.get(author) ?? 0);
  }
  return false;
}
