/**
 * One's own words that undo wrote back are one's typing for the rescue when the collaborator
 * who moved their block unseen never had them (issue 19). The rescue (moved-text-rescue.ts)
 * leaves out characters undo or redo wrote (restored-items.ts): when the mover had seen the
 * original, their copy holds it. But one's Enter offline moves one's words (deleting the
 * originals), and its undo writes them back as copies: a collaborator who never saw them
 * then moved the block (or a list item one added, moved-links.ts), and nobody wrote them
 * again (editing fuzz, seed 87 at 48 steps). Such
 * a copy of one's own typing counts as typed unless the mover's update wrote its text (their
 * copy holds it: they had seen the original).
 */
import { ContentString, findIndexSS, Item, type Transaction } from 'yjs';
import { isOwnClient } from './remembered-moves.js';
import { firstWrittenOf } from './restored-authors.js';
import type { RestoredItems } from './restored-items.js';

const othersText = new WeakMap<Transaction, string>();

/** The characters `transaction` wrote under others' client ids (a mover's copy among them), runs joined by newlines. */
function writtenByOthers(transaction: Transaction): string {
  const known = othersText.get(transaction);
  if (known !== undefined) return known;
  const runs: string[] = [];
  transaction.afterState.forEach((end, client) => {
    const start = transaction.beforeState.get(client) ?? 0;
    const structs = transaction.doc.store.clients.get(client);
    if (isOwnClient(transaction.doc, client) || structs === undefined || end <= start) return;
    for (let i = findIndexSS(structs, start); i < structs.length && structs[i]!.id.clock < end; i++) {
      const struct = structs[i];
      if (struct instanceof Item && struct.content instanceof ContentString) runs.push(struct.content.str);
    }
  });
  const text = runs.join('\n');
  othersText.set(transaction, text);
  return text;
}

/** Whether own character `clock` is undo's copy of a character one typed. */
function isCopyOfOwnTyping(transaction: Transaction, restored: RestoredItems, client: number, clock: number): boolean {
  if (!restored.has(client, clock)) return false;
  const first = firstWrittenOf(transaction.doc, client, clock);
  return first !== null && isOwnClient(transaction.doc, first[0]) && !restored.has(first[0], first[1]);
}

/**
 * The characters of own `item` (holding `text`) one typed, with undo's copies of one's typing
 * that the remote `transaction` (a move of their block) did not write itself.
 */
export function typedOrRestoredUnseen(
  item: Item,
  text: string,
  transaction: Transaction,
  restored: RestoredItems,
): string {
  const { client, clock } = item.id;
  const copies = text.split('').map((_, i) => isCopyOfOwnTyping(transaction, restored, client, clock + i));
  const copied = text
    .split('')
    .filter((_, i) => copies[i])
    .join('')
    .trim();
  if (copied === '' || writtenByOthers(transaction).includes(copied)) return restored.typed(client, clock, text);
  const isTyped = (at: number): boolean => !restored.has(client, at);
  return text
    .split('')
    .filter((_, i) => copies[i] || isTyped(clock + i))
    .join('');
}
