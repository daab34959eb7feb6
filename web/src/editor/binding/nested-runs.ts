/**
 * Finding one's own copy of a moved block that holds a link (issue 19). A move is noted
 * when the transaction's written characters hold the block's text as one run
 * (concurrent-moves.ts). A link is a block of its own inside the text, so the copied
 * characters break at it, and a block holding a link was never noted as moved: a
 * collaborator moving it at the same time kept a second copy. The copy is then found by the
 * longest run of the block's own characters between such breaks.
 */
import { ContentString, ContentType, isDeleted, XmlText, type Item, type Transaction } from 'yjs';
import { locateCopy, type Copy } from './copy-finder.js';

/** The runs of characters of `block` the transaction deleted, split where a nested block starts or ends. */
function runsDeletedIn(block: XmlText, transaction: Transaction, into: string[] = ['']): string[] {
  for (let item: Item | null = block._start; item !== null; item = item.right) {
    if (!isDeleted(transaction.deleteSet, item.id)) continue;
    if (item.content instanceof ContentString) into[into.length - 1] += item.content.str;
    else if (item.content instanceof ContentType && item.content.type instanceof XmlText) {
      into.push('');
      runsDeletedIn(item.content.type, transaction, into);
      into.push('');
    }
  }
  return into;
}

/**
 * One's copy of `block` among `written`: where all of `seen` (its text, nested blocks'
 * included) is one run, else where its longest run between nested blocks is; with the
 * text that was found.
 */
export function locateMovedCopy(
  block: XmlText,
  seen: string,
  written: Set<Item>,
  transaction: Transaction,
): { copy: Copy; found: string } | null {
  const copy = locateCopy(seen, written);
  if (copy !== null) return { copy, found: seen };
  const longest = runsDeletedIn(block, transaction).reduce((a, b) => (b.length > a.length ? b : a), '');
  if (longest === seen) return null;
  const part = locateCopy(longest, written);
  return part === null ? null : { copy: part, found: longest };
}
