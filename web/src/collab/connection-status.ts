/**
 * The connection-status model shown in the editor header (issue 3). y-websocket reports
 * raw socket events; people care about three states. A lost connection stays "offline"
 * through the provider's reconnect attempts (which report "connecting" every few
 * seconds) until a connection has synced again, so the badge does not flicker.
 */
import type { Transport } from './transport-policy.js';

export type ConnectionState = 'connecting' | 'connected' | 'offline';

/**
 * Why the session stopped for good (issue 5): the token expired while connected (close
 * 4401), the document was deleted (close 4404), a read-only token opened a document that
 * does not exist (close 4404 "no such document", issue #18), or the server refuses this
 * token for this document (HTTP 401/403 at every upgrade), or it keeps refusing the
 * changes this page sends (1002/1003/1008/1009 again and again: refusal-watch.ts). None of
 * them is fixed by retrying.
 */
export type AccessProblem = 'expired' | 'deleted' | 'missing' | 'denied' | 'refused';

export type ConnectionEvent =
  | { kind: 'socket'; status: 'connecting' | 'connected' | 'disconnected' }
  | { kind: 'synced'; isSynced: boolean }
  | { kind: 'browser-offline' };

export interface CollabStatus {
  connection: ConnectionState;
  /** Every local change is durably stored on the server. */
  isSaved: boolean;
  /**
   * The document's content is here (from the server or this device's copy). Until then
   * the editor is read-only: typing into an empty editor would create a paragraph
   * beside the one the server seeded.
   */
  isLoaded: boolean;
  /** Set once the session has stopped for one of these reasons; null while it works. */
  problem: AccessProblem | null;
  /** What the session syncs over: `http` is the fallback for blocked WebSockets (issue 9). */
  transport: Transport;
}

export const INITIAL_STATUS: CollabStatus = {
  connection: 'connecting',
  isSaved: true,
  isLoaded: false,
  problem: null,
  transport: 'websocket',
};

export function nextConnectionState(prev: ConnectionState, event: ConnectionEvent): ConnectionState {
  switch (event.kind) {
    case 'browser-offline':
      return 'offline';
    case 'synced':
      if (event.isSynced) return 'connected';
      return prev === 'connected' ? 'connecting' : prev;
    case 'socket':
      if (event.status === 'disconnected') return 'offline';
      if (event.status === 'connecting') return prev === 'offline' ? 'offline' : 'connecting';
      // Open but not yet synced: nothing has been exchanged, so it is not "connected" yet.
      return prev === 'offline' ? 'offline' : 'connecting';
  }
}

/** A tiny observable for useSyncExternalStore: snapshots are replaced, never mutated. */
export class StatusStore {
  private status: CollabStatus = INITIAL_STATUS;
  private readonly listeners = new Set<() => void>();

  getSnapshot = (): CollabStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update(patch: Partial<CollabStatus>): void {
    const next = { ...this.status, ...patch };
    const isSame = (Object.keys(next) as Array<keyof CollabStatus>).every((key) => next[key] === this.status[key]);
    if (isSame) return;
    this.status = next;
    for (const listener of this.listeners) listener();
  }
}
