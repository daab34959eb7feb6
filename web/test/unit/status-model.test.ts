/** The pure parts of the editor's status header (issue 3; SPEC: Saved acknowledgement). */
import { describe, expect, it } from 'vitest';
import { nextConnectionState, StatusStore } from '../../src/collab/connection-status.js';
import { isCoveredBy, mergeStateVectors } from '../../src/collab/save-state.js';

describe('saved state (SPEC: Saved acknowledgement)', () => {
  it('is saved only when every local clock is covered by the durable vector', () => {
    const durable = new Map([
      [1, 10],
      [2, 4],
    ]);
    expect(
      isCoveredBy(
        new Map([
          [1, 10],
          [2, 3],
        ]),
        durable,
      ),
    ).toBe(true);
    expect(isCoveredBy(new Map([[1, 11]]), durable)).toBe(false);
    expect(isCoveredBy(new Map([[3, 1]]), durable)).toBe(false);
    expect(isCoveredBy(new Map(), new Map())).toBe(true);
  });

  it('merges acknowledgements clock by clock, never going backwards', () => {
    const merged = mergeStateVectors(
      new Map([
        [1, 10],
        [2, 4],
      ]),
      new Map([
        [1, 7],
        [3, 2],
      ]),
    );
    expect([...merged].sort()).toEqual([
      [1, 10],
      [2, 4],
      [3, 2],
    ]);
  });
});

describe('connection state shown to people', () => {
  it('says connected only once the document has synced', () => {
    let state = nextConnectionState('connecting', { kind: 'socket', status: 'connected' });
    expect(state).toBe('connecting');
    state = nextConnectionState(state, { kind: 'synced', isSynced: true });
    expect(state).toBe('connected');
  });

  it('stays offline through reconnect attempts until a sync succeeds', () => {
    let state = nextConnectionState('connected', { kind: 'socket', status: 'disconnected' });
    expect(state).toBe('offline');
    state = nextConnectionState(state, { kind: 'socket', status: 'connecting' });
    state = nextConnectionState(state, { kind: 'socket', status: 'connected' });
    expect(state).toBe('offline');
    expect(nextConnectionState(state, { kind: 'synced', isSynced: true })).toBe('connected');
  });

  it('goes offline at once when the browser loses its network', () => {
    expect(nextConnectionState('connected', { kind: 'browser-offline' })).toBe('offline');
  });

  it('notifies subscribers only on real changes', () => {
    const store = new StatusStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.update({ isSaved: true });
    store.update({ isSaved: false });
    store.update({ isSaved: false });
    expect(calls).toBe(1);
    expect(store.getSnapshot().isSaved).toBe(false);
  });
});
