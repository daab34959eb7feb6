/**
 * Words a copy that gives way hands over, less those the winner's copy holds (issue 19;
 * given-way.ts hands them over). A paste from Google Docs into the losing copy splits the
 * text node at the caret, and @lexical/yjs writes the rest of the line again, as the paster's
 * characters. Read as words typed since the move, they went into the winner's copy, which
 * already holds that text: the rest of the line showed twice (the seeded fuzz, seed 3 at
 * 48 steps with every action).
 *
 * So the copy's words, as its reader sees them, are matched in order with the winner's
 * copy's words, as copy-reconcile.ts does for a losing copy it keeps (glued words by their
 * characters, glued-words.ts), and the pieces keep only the words the winner lacks. A word
 * the mover saw is matched before an equal one of the pieces: a word typed again next to
 * itself stays when the winner holds it once.
 */
import { locateCopy, writtenBy, type Lost, type Piece } from './copy-finder.js';
import { matched, MAX_WORDS, wordsOf } from './copy-reconcile.js';
import { gluedParts } from './glued-words.js';
import type { Doc } from 'yjs';

/** The copy's live text, a break for each nested block, and each character's piece (-1: none). */
export class ShownText {
  text = '';
  readonly owners: number[] = [];

  add(str: string, owner = -1): void {
    this.text += str;
    for (let i = 0; i < str.length; i++) this.owners.push(owner);
  }
}

interface Token {
  text: string;
  from: number;
  to: number;
}

const tokensOf = (text: string): Token[] =>
  Array.from(text.matchAll(/\S+/g), (match) => ({
    text: match[0],
    from: match.index,
    to: match.index + match[0].length,
  }));

/** Indexes of `shown`'s characters the winner holds: matched words, spaces between two, glued parts. */
function heldChars(shown: ShownText, tokens: Token[], theirs: string[]): Set<number> {
  const mine = tokens.map((token) => token.text);
  const isPiece = (index: number): boolean =>
    shown.owners.slice(tokens[index]!.from, tokens[index]!.to).some((owner) => owner >= 0);
  const pairs = matched(mine, theirs, isPiece);
  const isMatched = new Set(pairs.map(([index]) => index));
  const held = new Set<number>();
  const hold = (from: number, to: number): void => {
    for (let at = from; at < to; at++) held.add(at);
  };
  tokens.forEach((token, index) => {
    if (!isMatched.has(index)) return;
    hold(token.from, token.to);
    const next = tokens[index + 1];
    if (next === undefined || isMatched.has(index + 1)) hold(token.to, next?.from ?? shown.text.length);
    if (index === 0) hold(0, token.from);
  });
  for (const { index, from, to } of gluedParts(mine, theirs, pairs)) {
    hold(tokens[index]!.from + from, tokens[index]!.from + to);
  }
  return held;
}

/** `pieces` (whose characters `shown` marks) without the words `theirs` holds; a piece left blank goes. */
export function withoutHeldWords(pieces: Piece[], shown: ShownText, theirs: string[]): Piece[] {
  const tokens = tokensOf(shown.text);
  if (theirs.length === 0 || theirs.length > MAX_WORDS || tokens.length > MAX_WORDS) return pieces;
  const held = heldChars(shown, tokens, theirs);
  const kept = pieces.map(() => '');
  shown.owners.forEach((owner, at) => {
    if (owner >= 0 && !held.has(at)) kept[owner] += shown.text[at]!;
  });
  return pieces.flatMap((piece, index) => {
    const text = kept[index]!;
    if (text === piece.text) return [piece];
    return /\S/.test(text) ? [{ ...piece, text }] : [];
  });
}

/** `lost` with only the pieces' words its winner's copy lacks; null when none is left. */
export function withoutHeld(lost: Lost, shown: ShownText, doc: Doc): Lost | null {
  const copy = locateCopy(lost.seen, writtenBy(doc, lost));
  if (copy === null) return lost;
  const pieces = withoutHeldWords(lost.pieces, shown, wordsOf(copy.parent));
  return pieces.length === 0 ? null : { ...lost, pieces };
}
