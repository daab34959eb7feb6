/**
 * One's own characters that undo or redo wrote back (issue 19). Yjs undoes a deletion by
 * writing a copy of what was deleted, under one's own name, even when someone else had
 * typed it. Such a copy is not text one typed: when a collaborator who had not seen it
 * moves its block, the moved copy they made of the original already holds that text, so
 * writing the undo's copy again (moved-text-rescue.ts) would show it twice.
 */
import { UndoManager, type Doc, type Transaction } from 'yjs';

/** Clock ranges [start, end) of one's own items written by undo or redo on a document. */
export class RestoredItems {
  private readonly ranges: Array<[number, number]> = [];
  private readonly stop: () => void;

  constructor(private readonly doc: Doc) {
    const onAfter = (transaction: Transaction): void => {
      if (!transaction.local || !(transaction.origin instanceof UndoManager)) return;
      const start = transaction.beforeState.get(doc.clientID) ?? 0;
      const end = transaction.afterState.get(doc.clientID) ?? 0;
      if (end > start) this.ranges.push([start, end]);
    };
    doc.on('afterTransaction', onAfter);
    this.stop = () => doc.off('afterTransaction', onAfter);
  }

  /** Whether the own character at `clock` was written by undo or redo. */
  has(client: number, clock: number): boolean {
    return client === this.doc.clientID && this.ranges.some(([start, end]) => clock >= start && clock < end);
  }

  /** The characters of an own item (at `clock`, holding `text`) that one typed. */
  typed(client: number, clock: number, text: string): string {
    if (this.ranges.length === 0) return text;
    return text
      .split('')
      .filter((_, i) => !this.has(client, clock + i))
      .join('');
  }

  destroy(): void {
    this.stop();
  }
}
