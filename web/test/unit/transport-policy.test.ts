/** When the editor leaves WebSocket for the HTTP transport and comes back (issue 9; SPEC: When WebSockets are blocked). */
import { describe, expect, it } from 'vitest';
import {
  FAILURES_BEFORE_FALLBACK,
  initialTransportState,
  nextTransportState,
  parseTransportMode,
  probeDelayMs,
  PROBE_INTERVAL_MS,
  shouldProbe,
  type TransportEvent,
  type TransportState,
} from '../../src/collab/transport-policy.js';

const failed: TransportEvent = { kind: 'attempt-failed', isBrowserOnline: true };
const run = (state: TransportState, events: TransportEvent[]): TransportState =>
  events.reduce(nextTransportState, state);

describe('falling back to HTTP (SPEC: When WebSockets are blocked)', () => {
  it(`starts on WebSocket and falls back after ${FAILURES_BEFORE_FALLBACK} attempts in a row that never synced`, () => {
    const start = initialTransportState('auto');
    expect(start.transport).toBe('websocket');
    const almost = run(start, Array(FAILURES_BEFORE_FALLBACK - 1).fill(failed));
    expect(almost.transport).toBe('websocket');
    expect(nextTransportState(almost, failed)).toMatchObject({ transport: 'http', failures: 0 });
  });

  it('a sync in between resets the count: a flaky but working socket stays on WebSocket', () => {
    const state = run(initialTransportState('auto'), [failed, failed, { kind: 'synced' }, failed, failed]);
    expect(state.transport).toBe('websocket');
  });

  it('does not count failures while the browser is offline', () => {
    const offline: TransportEvent = { kind: 'attempt-failed', isBrowserOnline: false };
    const state = run(initialTransportState('auto'), Array(10).fill(offline));
    expect(state).toEqual(initialTransportState('auto'));
  });

  it('falls back at once when the browser refuses to construct a WebSocket', () => {
    expect(nextTransportState(initialTransportState('auto'), { kind: 'constructor-threw' }).transport).toBe('http');
  });

  it('probes WebSocket only while on the fallback, and returns when a probe succeeds', () => {
    const onHttp = nextTransportState(initialTransportState('auto'), { kind: 'constructor-threw' });
    expect(shouldProbe(initialTransportState('auto'))).toBe(false);
    expect(shouldProbe(onHttp)).toBe(true);
    const back = nextTransportState(onHttp, { kind: 'probe-succeeded' });
    expect(back).toMatchObject({ transport: 'websocket', failures: 0 });
    // Blocked again: it takes the same number of failures to fall back again.
    expect(run(back, Array(FAILURES_BEFORE_FALLBACK).fill(failed)).transport).toBe('http');
  });

  it('`websocket` and `http` modes pin the transport and never probe', () => {
    const pinnedWs = run(initialTransportState('websocket'), [
      ...Array(10).fill(failed),
      { kind: 'constructor-threw' },
    ]);
    expect(pinnedWs.transport).toBe('websocket');
    const pinnedHttp = run(initialTransportState('http'), [{ kind: 'probe-succeeded' }]);
    expect(pinnedHttp.transport).toBe('http');
    expect(shouldProbe(pinnedHttp)).toBe(false);
  });

  it('jitters the probe interval by ±20 %', () => {
    expect(probeDelayMs(() => 0)).toBe(PROBE_INTERVAL_MS * 0.8);
    expect(probeDelayMs(() => 1)).toBe(PROBE_INTERVAL_MS * 1.2);
  });

  it('reads the transport option, defaulting to auto', () => {
    expect(parseTransportMode('http')).toBe('http');
    expect(parseTransportMode('websocket')).toBe('websocket');
    expect(parseTransportMode(null)).toBe('auto');
    expect(parseTransportMode('carrier-pigeon')).toBe('auto');
  });
});
