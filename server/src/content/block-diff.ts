/**
 * Which top-level blocks to keep when a document is replaced by new content (SPEC: HTTP,
 * PUT and restore). Blocks equal in old and new (same serialized form) are kept in
 * place, so a collaborator typing in an untouched paragraph keeps their edit; the rest
 * are deleted and inserted. Common prefix and suffix first, then a longest common
 * subsequence over the middle while it is small enough to afford.
 */
const MAX_LCS_CELLS = 4_000_000;

/** For each new block: the index of the old block it keeps, or -1 to insert it. */
export function matchBlocks(oldKeys: readonly string[], newKeys: readonly string[]): number[] {
  const matches = new Array<number>(newKeys.length).fill(-1);
  let start = 0;
  while (start < oldKeys.length && start < newKeys.length && oldKeys[start] === newKeys[start]) {
    matches[start] = start;
    start++;
  }
  let oldEnd = oldKeys.length;
  let newEnd = newKeys.length;
  while (oldEnd > start && newEnd > start && oldKeys[oldEnd - 1] === newKeys[newEnd - 1]) {
    matches[--newEnd] = --oldEnd;
  }
  const rows = oldEnd - start;
  const cols = newEnd - start;
  if (rows === 0 || cols === 0 || rows * cols > MAX_LCS_CELLS) return matches;
  const lengths = lcsTable(oldKeys.slice(start, oldEnd), newKeys.slice(start, newEnd));
  let i = 0;
  let j = 0;
  while (i < rows && j < cols) {
    if (oldKeys[start + i] === newKeys[start + j]) {
      matches[start + j] = start + i;
      i++;
      j++;
    } else if ((lengths[(i + 1) * (cols + 1) + j] ?? 0) >= (lengths[i * (cols + 1) + j + 1] ?? 0)) {
      i++;
    } else {
      j++;
    }
  }
  return matches;
}

/** lengths[i][j] = LCS length of a[i..] and b[j..], flattened. */
function lcsTable(a: readonly string[], b: readonly string[]): Uint32Array {
  const cols = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * cols + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * cols + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * cols + j] ?? 0, lengths[i * cols + j + 1] ?? 0);
    }
  }
  return lengths;
}
