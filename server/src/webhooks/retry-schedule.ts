/**
 * When a failed webhook delivery is tried again (SPEC: Webhooks): first after 5 s, then
 * after doubling delays capped at 10 minutes, for about an hour in all; then it is given up.
 */
export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_DELAY_MS = 10 * 60_000;
export const GIVE_UP_AFTER_MS = 60 * 60_000;

/**
 * The wait before the next try, after `failures` failed attempts (1 after the first), or
 * undefined when the delivery is to be given up.
 */
export function retryDelayMs(failures: number): number | undefined {
  let waited = 0;
  for (let attempt = 1; attempt <= failures; attempt++) {
    const delay = Math.min(FIRST_RETRY_MS * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
    if (waited + delay > GIVE_UP_AFTER_MS) return undefined;
    if (attempt === failures) return delay;
    waited += delay;
  }
  return undefined;
}
