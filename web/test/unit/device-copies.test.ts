/** Pure pieces behind issue 23: whose device copy a page uses, and when refusals stop a page. */
import { CloseCode } from '@quire/shared';
import { describe, expect, it } from 'vitest';
import { copyOwnerOf, offlineStoreName } from '../../src/collab/device-copies.js';
import { isRefusal, nextRefusalCount, REFUSALS_BEFORE_STOP } from '../../src/collab/refusal-watch.js';

describe('device copies per person', () => {
  it("keeps a token holder's copy apart from other people's and from the plain copy", () => {
    expect(copyOwnerOf({ access: 'write', sub: 'ada' })).toBe('ada');
    expect(copyOwnerOf({ access: 'write' })).toBeNull();
    expect(copyOwnerOf(null)).toBeNull();
    expect(offlineStoreName('notes')).toBe('quire:notes');
    expect(offlineStoreName('notes', null)).toBe('quire:notes');
    const ada = offlineStoreName('notes', 'ada');
    expect(ada).not.toBe(offlineStoreName('notes', 'bob'));
    expect(ada).not.toBe(offlineStoreName('notes'));
    expect(ada.startsWith('quire:notes')).toBe(true);
  });
});

describe('refused changes (issue 23)', () => {
  it('counts refusals in a row; a network drop or a close of our own starts again', () => {
    for (const code of [
      CloseCode.UnsupportedData,
      CloseCode.ProtocolError,
      CloseCode.RateLimited,
      CloseCode.TooLarge,
    ]) {
      expect(isRefusal(code)).toBe(true);
    }
    for (const code of [1006, CloseCode.Shutdown, CloseCode.InternalError, CloseCode.SlowReader, undefined]) {
      expect(isRefusal(code)).toBe(false);
    }
    let count = 0;
    for (let i = 0; i < REFUSALS_BEFORE_STOP - 1; i += 1) count = nextRefusalCount(count, CloseCode.UnsupportedData);
    expect(nextRefusalCount(count, 1006)).toBe(0);
    expect(nextRefusalCount(count, undefined)).toBe(0);
    expect(nextRefusalCount(count, CloseCode.UnsupportedData)).toBe(REFUSALS_BEFORE_STOP);
  });
});
