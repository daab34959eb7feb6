/**
 * Which letters of one text are which letters of another, by their order (used by
 * undone-split.ts to tell which character an undo wrote back is which character of the copy
 * it takes away). The two texts are one step's moved text before and after (nearly always
 * equal, then paired one to one), so letters pair only in order, never by where the same
 * letter happens to occur first.
 */

/** Past this many letter pairs to compare, the differing middle is left unpaired. */
const MAX_COMPARED = 1_000_000;

/** Pairs of equal letters of `a` and `b` (indexes into each), in order: a longest common subsequence. */
export function pairedLetters(a: string, b: string): Array<[number, number]> {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < start; i++) pairs.push([i, i]);
  const [midA, midB] = [a.slice(start, a.length - end), b.slice(start, b.length - end)];
  if (midA.length * midB.length <= MAX_COMPARED) {
    for (const [i, j] of commonSubsequence(midA, midB)) pairs.push([start + i, start + j]);
  }
  for (let k = end; k > 0; k--) pairs.push([a.length - k, b.length - k]);
  return pairs;
}

/** A longest common subsequence of `a` and `b`, as index pairs in order. */
function commonSubsequence(a: string, b: string): Array<[number, number]> {
  const width = b.length + 1;
  // lengths[i * width + j]: the longest common subsequence of a[i..] and b[j..].
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) i++;
    else j++;
  }
  return pairs;
}
