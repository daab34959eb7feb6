/**
 * The characters one wrote in this session, by clock (issue 19; used by undone-split.ts and
 * restored-unseen.ts).
 * Yjs drops the content of a deleted character unless an undo step still needs it to write it
 * back, so once a collaborator deletes characters one wrote, which they were is gone from the
 * document. Undo needs to know them to tell what a collaborator moved out of one's copy. The
 * record lives as long as the page (like the undo history it serves): about the size of
 * what one typed and pasted there.
 */
import { ContentString, findIndexSS, Item, type Doc, type Transaction } from 'yjs';

/** One's own characters: runs of text by their first clock, in clock order. */
class OwnText {
  private readonly starts: number[] = [];
  private readonly texts: string[] = [];

  add(clock: number, text: string): void {
    this.starts.push(clock);
    this.texts.push(text);
  }

  /** The text of the characters at clocks [clock, clock + length): one piece per run of consecutive clocks. */
  at(clock: number, length: number): string[] {
    const pieces: string[] = [];
    let reached = -1;
    for (let i = this.firstAtOrBefore(clock); i >= 0 && i < this.starts.length; i++) {
      const start = this.starts[i]!;
      if (start >= clock + length) break;
      const from = Math.max(clock, start) - start;
      const text = this.texts[i]!.slice(from, Math.max(from, clock + length - start));
      if (text === '') continue;
      if (start + from === reached) pieces[pieces.length - 1] += text;
      else pieces.push(text);
      reached = start + from + text.length;
    }
    return pieces;
  }

  private firstAtOrBefore(clock: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (this.starts[mid]! <= clock) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

const byDoc = new WeakMap<Doc, OwnText>();

function record(own: OwnText, transaction: Transaction): void {
  const { doc } = transaction;
  const start = transaction.beforeState.get(doc.clientID) ?? 0;
  const end = transaction.afterState.get(doc.clientID) ?? 0;
  const structs = doc.store.clients.get(doc.clientID);
  if (structs === undefined || end <= start) return;
  for (let i = findIndexSS(structs, start); i < structs.length && structs[i]!.id.clock < end; i++) {
    const struct = structs[i];
    if (!(struct instanceof Item) || !(struct.content instanceof ContentString)) continue;
    const from = Math.max(start - struct.id.clock, 0);
    own.add(struct.id.clock + from, struct.content.str.slice(from, end - struct.id.clock));
  }
}

/** Notes every character `doc`'s own transactions write from now on. */
export function recordOwnText(doc: Doc): () => void {
  const own = new OwnText();
  byDoc.set(doc, own);
  const onAfter = (transaction: Transaction): void => {
    if (transaction.local) record(own, transaction);
  };
  doc.on('afterTransaction', onAfter);
  return () => {
    doc.off('afterTransaction', onAfter);
    if (byDoc.get(doc) === own) byDoc.delete(doc);
  };
}

/** The own characters of `doc` at clocks [clock, clock + length), by runs of consecutive clocks (none when not recorded). */
export function ownTextAt(doc: Doc, clock: number, length: number): string[] {
  return byDoc.get(doc)?.at(clock, length) ?? [];
}

const isLetter = (char: string | undefined): char is string => char !== undefined && char.trim() !== '';

/**
 * The word of one's typing that own character `clock` is part of: the letters written at the
 * clocks around it up to a space ('' for a space); null when the character is not recorded.
 */
export function ownWordAt(doc: Doc, clock: number): { start: number; text: string } | null {
  const char = ownTextAt(doc, clock, 1)[0];
  if (char === undefined) return null;
  if (!isLetter(char)) return { start: clock, text: '' };
  let start = clock;
  while (isLetter(ownTextAt(doc, start - 1, 1)[0])) start--;
  let end = clock + 1;
  while (isLetter(ownTextAt(doc, end, 1)[0])) end++;
  return { start, text: ownTextAt(doc, start, end - start).join('') };
}
