/**
 * Stops a page whose changes the server keeps refusing (issue 23). A close with 1002, 1003
 * or 1009 says the server refused what this page sent (an update it could not accept, such
 * as a comment under someone else's name); 1008 is a policy limit. Reconnecting sends the
 * same changes from this device's copy again, so the same refusal comes back, for ever.
 * After a few refusals in a row the page stops, keeps its copy (the changes are not lost,
 * only not sent) and says so. Any other close (a network drop) ends the run: a rate limit
 * that a wait resolves does not stop the page.
 */
import { CloseCode } from '@quire/shared';
import type { StatusStore } from './connection-status.js';
import type { SyncConnection } from './sync-connection.js';

/** Refusals in a row before the page stops (y-websocket's backoff makes that about a second). */
export const REFUSALS_BEFORE_STOP = 3;

const REFUSAL_CODES: readonly number[] = [
  CloseCode.ProtocolError,
  CloseCode.UnsupportedData,
  CloseCode.RateLimited,
  CloseCode.TooLarge,
];

/** Whether a close code says the server refused what this page sent. */
export function isRefusal(code: number | undefined): boolean {
  return code !== undefined && REFUSAL_CODES.includes(code);
}

/** The next count of refusals in a row after a connection closed with `code` (undefined: closed here). */
export function nextRefusalCount(count: number, code: number | undefined): number {
  return isRefusal(code) ? count + 1 : 0;
}

export function watchRefusals(connection: SyncConnection, status: StatusStore): () => void {
  let refusals = 0;
  const onClose = (event: { code: number } | null): void => {
    refusals = nextRefusalCount(refusals, event?.code);
    if (refusals < REFUSALS_BEFORE_STOP || status.getSnapshot().problem !== null) return;
    connection.disconnect();
    status.update({ problem: 'refused' });
  };
  connection.on('connection-close', onClose);
  return () => connection.off('connection-close', onClose);
}
