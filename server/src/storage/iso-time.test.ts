import { describe, expect, it } from 'vitest';
import { isoTime } from './iso-time.js';

describe('isoTime', () => {
  it('formats exactly as Date.prototype.toISOString', () => {
    const times = [0, 1, 999, 1000, 59_999, 86_399_999, 86_400_000, -1, -86_400_001, 8.64e15, -8.64e15];
    for (let at = 1_700_000_000_000, i = 0; i < 2000; i++, at += 7_654_321) times.push(at);
    for (const at of times) expect(isoTime(at)).toBe(new Date(at).toISOString());
  });

  it('drops fractions of a millisecond as Date does', () => {
    expect(isoTime(1_700_000_000_123.9)).toBe(new Date(1_700_000_000_123.9).toISOString());
  });
});
