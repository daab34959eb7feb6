/**
 * One's own words that undo wrote back are one's typing for the rescue when the collaborator
 * who moved their block unseen never had them (issue 19). The rescue (moved-text-rescue.ts)
 * leaves out characters undo or redo wrote (restored-items.ts): when the mover had seen the
 * original, their copy holds it. But one's Enter offline moves one's words (deleting the
 * originals), and its undo writes them back as copies: a collaborator who never saw them
 * then moved the block (or a list item one added, moved-links.ts), and nobody wrote them
 * again (editing fuzz, seed 87 at 48 steps). Such
 * a copy of one's own typing counts as typed unless the mover's update wrote its text (their
 * copy holds it: they had seen the original). The text looked for is the whole words one typed
 * that the copy copies: when one wrote over most of a copy, the letters left of it are found
 * inside any of the mover's own words (seed 87 again: the `q` of `w0023fq` lost).
 */
import { ContentString, findIndexSS, Item, type Doc, type Transaction } from 'yjs';
import { ownWordAt } from './own-text.js';
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

/** The character one typed that own character `clock` is undo's copy of; null when it is none. */
function typedOriginalOf(
  transaction: Transaction,
  restored: RestoredItems,
  client: number,
  clock: number,
): [number, number] | null {
  if (!restored.has(client, clock)) return null;
  const first = firstWrittenOf(transaction.doc, client, clock);
  return first !== null && isOwnClient(transaction.doc, first[0]) && !restored.has(first[0], first[1]) ? first : null;
}

/**
 * What undo's copies among `text` copy: the words one typed that they are part of, or the
 * copied letters themselves where one's typing is not recorded (before a reload).
 */
function copiedText(doc: Doc, text: string, originals: Array<[number, number] | null>): string[] {
  const words = new Map<number, string>();
  let letters = '';
  originals.forEach((original, i) => {
    if (original === null) return;
    const word = original[0] === doc.clientID ? ownWordAt(doc, original[1]) : null;
    if (word === null) letters += text[i];
    else words.set(word.start, word.text);
  });
  return [...words.values(), letters.trim()].filter((piece) => piece !== '');
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
  const originals = text.split('').map((_, i) => typedOriginalOf(transaction, restored, client, clock + i));
  const copied = copiedText(transaction.doc, text, originals);
  if (copied.every((piece) => writtenByOthers(transaction).includes(piece))) {
    return restored.typed(client, clock, text);
  }
  const isTyped = (at: number): boolean => !restored.has(client, at);
  return text
    .split('')
    .filter((_, i) => originals[i] !== null || isTyped(clock + i))
    .join('');
}
