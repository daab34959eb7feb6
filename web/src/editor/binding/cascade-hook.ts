/**
 * Which content a collaborator deleted without having seen it (issue 19). Yjs cannot move
 * content, so an editor that moves a block (into a list, one level deeper, onto the end of
 * the block before) deletes it and writes a copy. Deleting a block deletes everything in
 * it, including what others typed into it meanwhile, which the mover never saw and so did
 * not copy.
 *
 * A remote update lists every item its author deleted, the block's own content included.
 * Yjs applies it by deleting the block and, at once, all it holds; this hook holds that
 * cascade back until the whole update is applied, so what is still there afterwards is
 * exactly what the author of the deletion had not seen. The handler is shown it, then the
 * cascade runs as Yjs would have run it, so every document still ends the same.
 */
import { ContentType, XmlText, type Doc, type Transaction } from 'yjs';

/** Called with the blocks a remote transaction deleted, before their content is deleted. */
export type CascadeHandler = (transaction: Transaction, blocks: XmlText[]) => void;

const handlers = new WeakMap<Doc, CascadeHandler>();
const held = new WeakMap<Transaction, ContentType[]>();
let isCascading = false;

type Delete = (this: ContentType, transaction: Transaction) => void;
let originalDelete: Delete | null = null;

interface DeleteItemLike {
  clock: number;
  len: number;
}

/** Yjs sorts a transaction's deletions before observers run; the cascade adds more after. */
function sortDeletions(transaction: Transaction): void {
  const clients = transaction.deleteSet.clients as Map<number, DeleteItemLike[]>;
  for (const deletions of clients.values()) {
    deletions.sort((a, b) => a.clock - b.clock);
    let last = 0;
    for (let i = 1; i < deletions.length; i++) {
      const left = deletions[last]!;
      const right = deletions[i]!;
      if (left.clock + left.len >= right.clock) {
        deletions[last] = { clock: left.clock, len: Math.max(left.len, right.clock + right.len - left.clock) };
      } else deletions[++last] = right;
    }
    deletions.length = Math.min(deletions.length, last + 1);
  }
}

function runHeldCascades(transaction: Transaction, doc: Doc): void {
  const contents = held.get(transaction);
  if (contents === undefined) return;
  held.delete(transaction);
  handlers.get(doc)?.(
    transaction,
    contents.map((content) => content.type as XmlText),
  );
  isCascading = true;
  try {
    for (const content of contents) originalDelete!.call(content, transaction);
  } finally {
    isCascading = false;
  }
  sortDeletions(transaction);
}

function patchContentType(): void {
  if (originalDelete !== null) return;
  const original = ContentType.prototype.delete as Delete;
  originalDelete = original;
  ContentType.prototype.delete = function (this: ContentType, transaction: Transaction) {
    const isBlock = this.type instanceof XmlText;
    if (isCascading || transaction.local || !isBlock || !handlers.has(transaction.doc)) {
      original.call(this, transaction);
      return;
    }
    const list = held.get(transaction) ?? [];
    if (list.length === 0) held.set(transaction, list);
    list.push(this);
    transaction.changed.delete(this.type);
  };
}

/** Shows `handler` the blocks remote transactions on `doc` delete, before their content goes. */
export function watchRemoteBlockDeletes(doc: Doc, handler: CascadeHandler): () => void {
  patchContentType();
  handlers.set(doc, handler);
  const onBeforeObservers = (transaction: Transaction): void => runHeldCascades(transaction, doc);
  doc.on('beforeObserverCalls', onBeforeObservers);
  return () => {
    doc.off('beforeObserverCalls', onBeforeObservers);
    handlers.delete(doc);
  };
}
