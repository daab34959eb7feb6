/**
 * Two copies of one block, moved by two people at once, merged word by word (issue 19). When
 * the copy whose move won does not hold everything the losing mover had seen (someone typed
 * into the block before the loser moved it, out of the winner's sight), or the loser typed
 * into their copy after moving it, deleting the losing copy whole would lose those words and
 * keeping it whole shows every other word twice. Here the losing copy keeps only the words
 * the winning copy lacks; a copy left with no word of its own goes whole, as before.
 *
 * Words are matched in order (a longest common subsequence of words), so a word that occurs
 * in both copies counts once per occurrence; between matched words, a winner's word glued to
 * the edge of one of the losing copy's goes from it by its characters (glued-words.ts).
 */
import { ContentString, ContentType, Map as YMap, XmlElement, XmlText, type Item } from 'yjs';
import { coveredWords, gluedParts, type WordPart } from './glued-words.js';

/** One character of a block's text, or a break (a nested block's edge) when `item` is null. */
interface Char {
  item: Item | null;
  offset: number;
  ch: string;
}

interface Token {
  text: string;
  /** Index range [from, to) in the characters. */
  from: number;
  to: number;
}

/** Beyond this many words a side, the copies are left as they are (the match is quadratic). */
export const MAX_WORDS = 4000;

/** A line break, or an inline decorator (an image): words on either side are not one word. */
const isBreakEmbed = (item: Item): boolean =>
  item.content instanceof ContentType &&
  (item.content.type instanceof XmlElement ||
    (item.content.type instanceof YMap && item.content.type.get('__type') === 'linebreak'));

/** Which characters of a block are the copy's; the others count as breaks. */
type IsCopied = (item: Item, offset: number) => boolean;

/** The live characters of `block`, nested blocks (links, list items) included, between breaks. */
function charsOf(block: XmlText, into: Char[] = [], isCopied: IsCopied = () => true): Char[] {
  for (let item = block._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    if (item.content instanceof ContentString) {
      const { str } = item.content;
      for (let offset = 0; offset < str.length; offset++) {
        into.push(isCopied(item, offset) ? { item, offset, ch: str[offset]! } : { item: null, offset: 0, ch: ' ' });
      }
    } else if (item.content instanceof ContentType && item.content.type instanceof XmlText) {
      into.push({ item: null, offset: 0, ch: ' ' });
      charsOf(item.content.type, into, isCopied);
      into.push({ item: null, offset: 0, ch: ' ' });
    } else if (isBreakEmbed(item)) {
      // "a<br>b" is two words (undo-moved-on.ts: a line break typed since glued "---w1").
      into.push({ item: null, offset: 0, ch: ' ' });
    }
  }
  return into;
}

function tokensOf(chars: Char[]): Token[] {
  const tokens: Token[] = [];
  let from = -1;
  for (let i = 0; i <= chars.length; i++) {
    const isWordChar = i < chars.length && chars[i]!.item !== null && !/\s/.test(chars[i]!.ch);
    if (isWordChar && from < 0) from = i;
    if (!isWordChar && from >= 0) {
      tokens.push({
        text: chars
          .slice(from, i)
          .map((char) => char.ch)
          .join(''),
        from,
        to: i,
      });
      from = -1;
    }
  }
  return tokens;
}

/** The words of `block`'s live text, in order. */
export function wordsOf(block: XmlText): string[] {
  return tokensOf(charsOf(block)).map((token) => token.text);
}

/**
 * The [mine, theirs] index pairs of a longest common subsequence, in order; a word of mine
 * that `isSpare` is left unmatched when a later one can match instead at no loss.
 */
export function matched(
  mine: string[],
  theirs: string[],
  isSpare: (index: number) => boolean = () => false,
): Array<[number, number]> {
  const [m, n] = [mine.length, theirs.length];
  const table = Array.from({ length: m + 1 }, () => new Uint16Array(n + 1));
  for (let i = m - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      table[i]![j] = mine[i] === theirs[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const result: Array<[number, number]> = [];
  for (let [i, j] = [0, 0]; i < m && j < n;) {
    if (mine[i] === theirs[j] && !(isSpare(i) && table[i + 1]![j]! === table[i]![j]!)) {
      result.push([i, j]);
      [i, j] = [i + 1, j + 1];
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return result;
}

/**
 * The characters to delete: matched words, and the space between two matched words. A tab
 * stays: its node (Lexical's TabNode) would go on showing the tab the shared text lost.
 */
function charsToDelete(chars: Char[], tokens: Token[], pairs: Array<[number, number]>): Char[] {
  const isMatched = new Array<boolean>(tokens.length).fill(false);
  for (const [i] of pairs) isMatched[i] = true;
  const doomed: Char[] = [];
  tokens.forEach((token, index) => {
    if (!isMatched[index]) return;
    doomed.push(...chars.slice(token.from, token.to));
    const next = tokens[index + 1];
    const spaceEnd = next === undefined ? chars.length : next.from;
    if (next === undefined || isMatched[index + 1]) doomed.push(...chars.slice(token.to, spaceEnd));
    if (index === 0) doomed.push(...chars.slice(0, token.from));
  });
  return doomed.filter((char) => char.item !== null && char.ch !== '\t');
}

/** Whole words matched, and winner's words found glued to the edge of one of mine (glued-words.ts). */
interface Match {
  pairs: Array<[number, number]>;
  glued: WordPart[];
}

const gluedChars = (chars: Char[], tokens: Token[], parts: WordPart[]): Char[] =>
  parts.flatMap(({ index, from, to }) => chars.slice(tokens[index]!.from + from, tokens[index]!.from + to));

function indexIn(parent: XmlText, target: Item): number {
  let index = 0;
  for (let item = parent._start; item !== null && item !== target; item = item.right) {
    if (!item.deleted && item.countable) index += item.length;
  }
  return index;
}

/** Deletes the characters, each parent's from its last, so earlier indexes still hold. */
function deleteChars(doomed: Char[]): void {
  const byParent = new Map<XmlText, number[]>();
  const starts = new Map<Item, number>();
  for (const { item, offset } of doomed) {
    const parent = item!.parent as XmlText;
    const list = byParent.get(parent) ?? [];
    if (list.length === 0) byParent.set(parent, list);
    if (!starts.has(item!)) starts.set(item!, indexIn(parent, item!));
    list.push(starts.get(item!)! + offset);
  }
  for (const [parent, indexes] of byParent) {
    for (const index of indexes.sort((a, b) => b - a)) parent.delete(index, 1);
  }
}

/** The best matching of `mine` to one of `theirs` (the winning copy's candidate texts, as words); null when none matches. */
function bestMatch(mine: string[], theirs: string[][]): Match | null {
  if (mine.length > MAX_WORDS) return null;
  let best: Match | null = null;
  let bestCount = 0;
  for (const words of theirs) {
    if (words.length > MAX_WORDS) continue;
    const pairs = matched(mine, words);
    const match = { pairs, glued: gluedParts(mine, words, pairs) };
    const count = pairs.length + match.glued.length;
    if (count > bestCount) [best, bestCount] = [match, count];
  }
  return best;
}

/**
 * Deletes from `copy` (one's own losing copy, its block item) the words the best matching of
 * `theirs` (the winning copy's candidate texts, as words) holds. False when none matched.
 * With `isMatchable`, only words whose characters all pass it may match (carried-away.ts).
 */
export function keepUnmatchedWords(copy: Item, theirs: string[][], isMatchable?: (item: Item) => boolean): boolean {
  const block = (copy.content as ContentType).type as XmlText;
  const chars = charsOf(block);
  const tokens = tokensOf(chars);
  // A space is no word of theirs, nor at an edge of one: such a word matches nothing.
  const canMatch = (token: Token): boolean =>
    isMatchable === undefined || chars.slice(token.from, token.to).every((char) => isMatchable(char.item!));
  const mine = tokens.map((token) => (canMatch(token) ? token.text : ' '));
  const best = bestMatch(mine, theirs);
  if (best === null) return false;
  if (best.pairs.length + coveredWords(mine, best.glued) === mine.length) {
    const parent = copy.parent as XmlText;
    parent.delete(indexIn(parent, copy), 1);
  } else deleteChars([...charsToDelete(chars, tokens, best.pairs), ...gluedChars(chars, tokens, best.glued)]);
  return true;
}

/**
 * The same for one's losing join: its copy is the characters of `block` that `isCopied` tells
 * (glued onto the block's own text, which stays, as a break between words). Of those, the
 * words the best matching of `theirs` holds go. False when none matched.
 */
export function keepUnmatchedJoined(block: XmlText, isCopied: IsCopied, theirs: string[][]): boolean {
  const chars = charsOf(block, [], isCopied);
  const tokens = tokensOf(chars);
  const best = bestMatch(
    tokens.map((token) => token.text),
    theirs,
  );
  if (best === null) return false;
  deleteChars([...charsToDelete(chars, tokens, best.pairs), ...gluedChars(chars, tokens, best.glued)]);
  return true;
}
