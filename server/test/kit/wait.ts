export interface WaitOptions {
  timeoutMs?: number;
  /** Named in the timeout error: "timed out after 10000 ms waiting for <what>". */
  what?: string;
  intervalMs?: number;
}

/**
 * Polls `condition` until it returns a truthy value, and returns that value. A condition
 * that throws counts as not yet true; its last error becomes the timeout error's cause.
 * Tests wait on conditions, never on fixed sleeps (STYLE §7).
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  { timeoutMs = 10_000, what = 'condition', intervalMs = 20 }: WaitOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
