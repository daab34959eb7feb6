/**
 * Words glued together in one of two copies of a moved block (issue 19). When someone pastes
 * or types without a space at a word's edge ("zzz" before "alpha" makes "zzzalpha"), matching
 * whole words (copy-reconcile.ts) finds no "alpha" in that copy, so the losing copy kept its
 * "alpha" (or its "zzzalpha") and the word showed twice. Here, between two words both copies
 * hold, the words left unmatched are compared by their characters: a losing word found at the
 * start or end of a winner's word goes whole, and a winner's word found at an edge of a losing
 * word takes those characters from it, the rest ("zzz") staying.
 *
 * Only word edges count: a paste lands between characters, so a word it glues onto keeps its
 * letters together at one edge of the new word.
 */

/**
 * Shorter words are not looked for inside others: "the" typed by one and "therefore" by the
 * other, at one place, are two words, and neither may take the other's letters.
 */
const MIN_GLUED = 4;

/** Characters [from, to) of the losing copy's word `index`. */
export interface WordPart {
  index: number;
  from: number;
  to: number;
}

/** What is left to match of one word: characters [start, end). */
interface Rest {
  start: number;
  end: number;
}

/** Where `word` sits at an edge of what is left of `text`, trimming `rest`; null when at neither. */
function edgePart(rest: Rest, text: string, word: string): [from: number, to: number] | null {
  const left = text.slice(rest.start, rest.end);
  // A word equal to all that is left counts only once part of it went: the whole word matched otherwise.
  const isTrimmed = rest.start > 0 || rest.end < text.length;
  if (word.length < MIN_GLUED || left.length < word.length || (left === word && !isTrimmed)) return null;
  if (left.startsWith(word)) {
    rest.start += word.length;
    return [rest.start - word.length, rest.start];
  }
  if (left.endsWith(word)) {
    rest.end -= word.length;
    return [rest.end, rest.end + word.length];
  }
  return null;
}

/** `short[index]` found at characters [from, to) of `long[at]`. */
interface EdgeMatch {
  index: number;
  at: number;
  from: number;
  to: number;
}

/** Matches, in order, words of `short` to edges of words of `long` (both one gap's unmatched words). */
function edgeMatches(long: string[], short: string[]): EdgeMatch[] {
  const rests: Rest[] = long.map((word) => ({ start: 0, end: word.length }));
  const found: EdgeMatch[] = [];
  let next = 0;
  short.forEach((word, index) => {
    for (let at = next; at < rests.length; at++) {
      const rest = rests[at]!;
      const wasEnd = rest.end;
      const part = edgePart(rest, long[at]!, word);
      if (part === null) continue;
      found.push({ index, at, from: part[0], to: part[1] });
      // After a word glued at another's end, the next words come later.
      next = rest.end < wasEnd ? at + 1 : at;
      return;
    }
  });
  return found;
}

/** A match of mine at local place `mine` to theirs at local place `theirs`, and its parts. */
interface GapMatch {
  mine: number;
  theirs: number;
  part: WordPart;
}

/**
 * One gap's candidate matches: each of mine glued into one of theirs goes whole, then each of
 * theirs glued onto one of mine left takes its characters from it.
 */
function gapCandidates(mine: string[], gapMine: number[], theirWords: string[]): GapMatch[] {
  const words = gapMine.map((index) => mine[index]!);
  const whole = edgeMatches(theirWords, words).map(({ index, at }) => ({
    mine: index,
    theirs: at,
    part: { index: gapMine[index]!, from: 0, to: words[index]!.length },
  }));
  const left = gapMine.map((_, place) => place).filter((place) => !whole.some((match) => match.mine === place));
  const glued = edgeMatches(
    left.map((place) => words[place]!),
    theirWords,
  ).map(({ index, at, from, to }) => ({
    mine: left[at]!,
    theirs: index,
    part: { index: gapMine[left[at]!]!, from, to },
  }));
  return [...whole, ...glued];
}

/**
 * One gap's parts to delete. A match counts only when it is anchored: the words next to the
 * two on one side are the gap's edge in both, or matched to each other. An edge match far from
 * any anchor is chance ("w001", left of a word by Backspace, at the start of one's own
 * "w0010sq" typed offline) and would take letters the winner never had (seed 24 at 48 steps).
 */
function gapParts(mine: string[], gapMine: number[], theirWords: string[]): WordPart[] {
  const candidates = gapCandidates(mine, gapMine, theirWords);
  const links = new Set(['-1,-1', `${gapMine.length},${theirWords.length}`]);
  const isAnchored = ({ mine: p, theirs: q }: GapMatch): boolean =>
    links.has(`${p - 1},${q - 1}`) || links.has(`${p + 1},${q + 1}`);
  const kept = new Set<GapMatch>();
  for (let grew = true; grew;) {
    grew = false;
    for (const match of candidates) {
      if (kept.has(match) || !isAnchored(match)) continue;
      kept.add(match);
      links.add(`${match.mine},${match.theirs}`);
      grew = true;
    }
  }
  return candidates.filter((match) => kept.has(match)).map((match) => match.part);
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/**
 * The parts of `mine` (the losing copy's words) that the winner's words hold glued (or that
 * are glued onto them), given `pairs`, the [mine, theirs] indexes of the words matched whole, in order.
 */
export function gluedParts(mine: string[], theirs: string[], pairs: Array<[number, number]>): WordPart[] {
  const bounds: Array<[number, number]> = [[-1, -1], ...pairs, [mine.length, theirs.length]];
  const parts: WordPart[] = [];
  for (let b = 1; b < bounds.length; b++) {
    const [[i0, j0], [i1, j1]] = [bounds[b - 1]!, bounds[b]!];
    const gapMine = range(i0 + 1, i1);
    if (gapMine.length === 0 || j1 - j0 <= 1) continue;
    parts.push(...gapParts(mine, gapMine, theirs.slice(j0 + 1, j1)));
  }
  return parts;
}

/** How many of `mine` the parts cover entirely ("alphabeta" when the winner has both words). */
export function coveredWords(mine: string[], parts: WordPart[]): number {
  const lengths = new Map<number, number>();
  for (const { index, from, to } of parts) lengths.set(index, (lengths.get(index) ?? 0) + to - from);
  return [...lengths].filter(([index, length]) => length === mine[index]!.length).length;
}
