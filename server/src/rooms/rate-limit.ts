import { systemClock, type Clock } from '../util/clock.js';

/**
 * A token bucket per connection and measure (SPEC: Access, rate limits): `ratePerSecond`
 * refills continuously up to `burst`. A rate of 0 means unlimited.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly clock: Pick<Clock, 'now'> = systemClock,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }

  /** Takes `amount` if available; false means the limit is exceeded. */
  take(amount: number): boolean {
    if (this.ratePerSecond === 0) return true;
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }
}
