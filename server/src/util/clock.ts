/**
 * Time as the server sees it: the current time and timers. Everything that waits (the
 * heartbeat, unload grace periods, token expiry, rate limits, automatic versions, HTTP
 * fallback heartbeats) takes a `Clock`, so tests can drive time by hand instead of
 * shrinking real delays. Timers never keep the process alive on their own.
 */
export interface Clock {
  /** Milliseconds since the epoch, like `Date.now()`. */
  now(): number;
  setTimeout(run: () => void, ms: number): Timer;
  setInterval(run: () => void, ms: number): Timer;
  /** Cancels a timeout or an interval; undefined or an already-run timer is ignored. */
  clear(timer: Timer | undefined): void;
}

/** A pending timer; only its clock knows what it is. */
export type Timer = object;

/** The real clock. Looks the timer functions up on each call, so fake timers apply too. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  setInterval: (run, ms) => setInterval(run, ms).unref(),
  clear: (timer) => clearTimeout(timer as NodeJS.Timeout | undefined),
};
