import { describe, expect, it } from 'vitest';
import { GIVE_UP_AFTER_MS, retryDelayMs } from './retry-schedule.js';

describe('webhook retry schedule (SPEC: Webhooks)', () => {
  it('retries first within 5 s, then with doubling delays capped at 10 minutes, for about an hour', () => {
    const delays: number[] = [];
    for (let failures = 1; retryDelayMs(failures) !== undefined; failures++) delays.push(retryDelayMs(failures)!);
    expect(delays.slice(0, 8)).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 600_000]);
    const total = delays.reduce((sum, delay) => sum + delay, 0);
    expect(total).toBeLessThanOrEqual(GIVE_UP_AFTER_MS);
    expect(total + 600_000).toBeGreaterThan(GIVE_UP_AFTER_MS);
  });
});
