/**
 * Text typed right after characters a collaborator moved goes with them (issue 19). A
 * block split by Enter, or a word wrapped in a link, moves characters by deleting them in
 * one place and writing copies in another; someone typing just after those characters
 * meanwhile was left behind, after the wrong block or outside the link. Each person moves
 * their own such characters after the copy, and only when the copy is found among what
 * the same update wrote (a plain deletion writes no copy, so nothing moves).
 */
import { ContentString, findIndexSS, isDeleted, XmlText, type Doc, type Item, type Transaction } from 'yjs';
import { placeInCopy, type Lost } from './copy-finder.js';
import type { RestoredItems } from './restored-items.js';

/** Shorter runs (a Backspace) are too likely to match something unrelated the update wrote. */
const MIN_MOVED = 3;

interface Left {
  lost: Lost;
  items: Item[];
}

const deletedNow = (item: Item, transaction: Transaction): boolean =>
  item.deleted && isDeleted(transaction.deleteSet, item.id);

const writtenNow = (item: Item, transaction: Transaction): boolean =>
  item.id.client !== transaction.doc.clientID && item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);

/** Own live characters in `block` right after characters `transaction` deleted. */
function leftBehindIn(block: XmlText, transaction: Transaction, restored: RestoredItems): Left[] {
  const clientID = transaction.doc.clientID;
  const found: Left[] = [];
  let run = '';
  let current: Left | null = null;
  for (let item = block._start; item !== null; item = item.right) {
    const isText = item.content instanceof ContentString;
    // Older deletions, and what the same update wrote there (the link now holding the
    // characters), sit between the moved characters and the ones typed after them.
    if (item.deleted ? !deletedNow(item, transaction) : writtenNow(item, transaction)) continue;
    if (deletedNow(item, transaction)) {
      if (isText) run += (item.content as ContentString).str;
      if (current !== null && isText) current.lost.seen += (item.content as ContentString).str;
      continue;
    }
    const isOwn = item.id.client === clientID && !restored.has(clientID, item.id.clock);
    if (isText && isOwn && (run !== '' || current !== null)) {
      current ??= { lost: newLost(block, transaction, run), items: [] };
      current.items.push(item);
      current.lost.pieces[0]!.text += (item.content as ContentString).str;
      continue;
    }
    if (current !== null) found.push(current);
    current = null;
    run = '';
  }
  if (current !== null) found.push(current);
  return found.filter((left) => left.lost.seen.length >= MIN_MOVED);
}

function newLost(block: XmlText, transaction: Transaction, seen: string): Lost {
  const pieces = [{ at: seen.length, text: '' }];
  return { block, seen, pieces, before: transaction.beforeState, after: transaction.afterState };
}

function indexOf(item: Item): number {
  let index = 0;
  for (let other = (item.parent as XmlText)._start; other !== null && other !== item; other = other.right) {
    if (!other.deleted && other.countable) index += other.length;
  }
  return index;
}

/** Blocks (still there) in which `transaction` deleted characters. */
function blocksWithDeletions(transaction: Transaction): Set<XmlText> {
  const blocks = new Set<XmlText>();
  for (const [client, deletions] of transaction.deleteSet.clients) {
    const structs = transaction.doc.store.clients.get(client) ?? [];
    for (const { clock, len } of deletions) {
      for (let i = findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
        const parent = (structs[i] as Item).parent;
        if (parent instanceof XmlText && parent._item?.deleted !== true) blocks.add(parent);
      }
    }
  }
  return blocks;
}

/** Moves one's own characters left behind by others' moves, on `doc`. */
export function followMovedChars(doc: Doc, origin: symbol, restored: RestoredItems): () => void {
  const onBeforeObservers = (transaction: Transaction): void => {
    if (transaction.local || transaction.origin === origin || transaction.deleteSet.clients.size === 0) return;
    // Nothing of one's own to move (a first load): skip the walk over everything deleted.
    if (!doc.store.clients.has(doc.clientID)) return;
    const left = Array.from(blocksWithDeletions(transaction)).flatMap((block) =>
      leftBehindIn(block, transaction, restored),
    );
    if (left.length === 0) return;
    queueMicrotask(() => {
      doc.transact(() => {
        for (const entry of left) {
          const items = entry.items.filter((item) => !item.deleted);
          if (items.length !== entry.items.length || !placeInCopy(doc, entry.lost)) continue;
          for (const item of items.reverse()) entry.lost.block.delete(indexOf(item), item.length);
        }
      }, origin);
    });
  };
  doc.on('beforeObserverCalls', onBeforeObservers);
  return () => doc.off('beforeObserverCalls', onBeforeObservers);
}
