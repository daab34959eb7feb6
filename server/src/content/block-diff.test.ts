import { describe, expect, it } from 'vitest';
import { matchBlocks } from './block-diff.js';

describe('matchBlocks', () => {
  it('keeps equal blocks and inserts the others', () => {
    expect(matchBlocks(['a', 'b', 'c'], ['a', 'x', 'c'])).toEqual([0, -1, 2]);
    expect(matchBlocks(['a', 'b', 'c', 'd'], ['b', 'd', 'e'])).toEqual([1, 3, -1]);
    expect(matchBlocks([], ['a'])).toEqual([-1]);
    expect(matchBlocks(['a', 'b'], [])).toEqual([]);
  });

  it('never matches out of order', () => {
    const matches = matchBlocks(['a', 'b', 'c'], ['c', 'b', 'a']);
    const kept = matches.filter((m) => m >= 0);
    expect(kept).toEqual([...kept].sort());
    expect(kept).toHaveLength(1);
  });
});
