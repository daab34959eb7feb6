/**
 * Which transport the editor syncs over (issue 9; SPEC: When WebSockets are blocked).
 * Pure: sync-connection.ts feeds it what happened and does what it says.
 *
 * It starts on WebSocket. A WebSocket attempt that ends before the document synced, while
 * the browser says it is online, is a sign that something between us and the server
 * refuses WebSockets; after FAILURES_BEFORE_FALLBACK of them in a row (or at once, when the
 * browser will not even construct a WebSocket) it moves to the HTTP transport. A server
 * that is simply down fails over HTTP too, so falling back then costs nothing. On HTTP it
 * probes with a plain WebSocket about every PROBE_INTERVAL_MS, and moves back when the
 * server answers one. The `websocket` and `http` modes pin the transport.
 */
export type TransportMode = 'auto' | 'websocket' | 'http';
export type Transport = 'websocket' | 'http';

/** About 1.5 s of y-websocket's backoff: quick to fall back, deaf to a single blip. */
export const FAILURES_BEFORE_FALLBACK = 3;
export const PROBE_INTERVAL_MS = 60_000;
/** A probe that has heard nothing by then counts as failed. */
export const PROBE_TIMEOUT_MS = 10_000;

export interface TransportState {
  readonly mode: TransportMode;
  readonly transport: Transport;
  /** WebSocket attempts in a row that ended before syncing. */
  readonly failures: number;
}

export type TransportEvent =
  | { kind: 'attempt-failed'; isBrowserOnline: boolean }
  | { kind: 'synced' }
  | { kind: 'constructor-threw' }
  | { kind: 'probe-succeeded' };

export function initialTransportState(mode: TransportMode): TransportState {
  return { mode, transport: mode === 'http' ? 'http' : 'websocket', failures: 0 };
}

export function nextTransportState(state: TransportState, event: TransportEvent): TransportState {
  if (state.mode !== 'auto') return state;
  const onHttp: TransportState = { ...state, transport: 'http', failures: 0 };
  switch (event.kind) {
    case 'synced':
      return { ...state, failures: 0 };
    case 'attempt-failed': {
      // Offline, every attempt fails whatever the network allows: that proves nothing.
      if (state.transport === 'http' || !event.isBrowserOnline) return state;
      const failures = state.failures + 1;
      return failures >= FAILURES_BEFORE_FALLBACK ? onHttp : { ...state, failures };
    }
    case 'constructor-threw':
      return onHttp;
    case 'probe-succeeded':
      return { ...state, transport: 'websocket', failures: 0 };
  }
}

/** Whether to keep trying WebSocket in the background. */
export function shouldProbe(state: TransportState): boolean {
  return state.mode === 'auto' && state.transport === 'http';
}

/** ±20 % jitter, so the editors behind one proxy do not all probe in the same second. */
export function probeDelayMs(random: () => number = Math.random): number {
  return Math.round(PROBE_INTERVAL_MS * (0.8 + 0.4 * random()));
}

/** Reads `?transport=` or an embed option; anything unknown means the default, `auto`. */
export function parseTransportMode(value: unknown): TransportMode {
  return value === 'websocket' || value === 'http' ? value : 'auto';
}
