import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rate-limit.js';

describe('TokenBucket', () => {
  it('allows a burst, refuses beyond it, and refills with time', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 20, { now: () => now });
    for (let i = 0; i < 20; i++) expect(bucket.take(1)).toBe(true);
    expect(bucket.take(1)).toBe(false);
    now += 500;
    for (let i = 0; i < 5; i++) expect(bucket.take(1)).toBe(true);
    expect(bucket.take(1)).toBe(false);
  });

  it('a rate of 0 never limits', () => {
    const bucket = new TokenBucket(0, 0);
    expect(bucket.take(1e9)).toBe(true);
  });
});
