import { describe, expect, it } from 'vitest';
import { metaKey, docNameFromMetaKey, prefixEnd, seqFromUpdateKey, updateKey, updatePrefix } from './keys.js';

describe('LevelDB key layout', () => {
  it('sorts a document’s updates in log order', () => {
    const keys = [1, 255, 16, 4096, 0].map((seq) => updateKey('doc', seq));
    expect([...keys].sort().map(seqFromUpdateKey)).toEqual([0, 1, 16, 255, 4096]);
  });

  it('never lets one document’s range include another’s keys', () => {
    const prefix = updatePrefix('team');
    for (const other of ['team2', 'team/x', 'tea']) {
      const key = updateKey(other, 1);
      expect(key >= prefix && key < prefixEnd(prefix)).toBe(false);
    }
    expect(updateKey('team', 7) >= prefix && updateKey('team', 7) < prefixEnd(prefix)).toBe(true);
  });

  it('round-trips document names through metadata keys', () => {
    expect(docNameFromMetaKey(metaKey('a/b c'))).toBe('a/b c');
  });
});
