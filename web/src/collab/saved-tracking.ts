import type { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import type { StatusStore } from './connection-status.js';
import { isCoveredBy, mergeStateVectors, type StateVector } from './save-state.js';
import type { SyncConnection } from './sync-connection.js';

/** The custom key of this device's copy that keeps the server's saved state vector. */
const SAVED_STATE_KEY = 'saved-state-vector';

export interface SavedTracking {
  /**
   * Keeps what the server acknowledged in this device's copy, and reads what it kept last
   * time: a page reloaded without a connection still knows which of its changes are saved.
   */
  keepIn(offlineStore: IndexeddbPersistence): void;
  stop(): void;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}

/** Tracks what the server holds durably and turns it into the "saved" flag. */
export function trackSaved(doc: Y.Doc, connection: SyncConnection, status: StatusStore): SavedTracking {
  let durable: StateVector = new Map();
  let offlineStore: IndexeddbPersistence | null = null;
  const refresh = (): void => {
    status.update({ isSaved: isCoveredBy(Y.decodeStateVector(Y.encodeStateVector(doc)), durable) });
  };
  const learn = (stateVector: Uint8Array): void => {
    const merged = mergeStateVectors(durable, Y.decodeStateVector(stateVector));
    const isNew = !isCoveredBy(merged, durable);
    durable = merged;
    // A copy that cannot be written only means a reload offline shows "unsaved" for these.
    if (isNew) offlineStore?.set(SAVED_STATE_KEY, toArrayBuffer(Y.encodeStateVector(durable))).catch(() => undefined);
  };
  const onAck = (stateVector: Uint8Array): void => {
    learn(stateVector);
    refresh();
  };
  const onUpdate = (update: Uint8Array, origin: unknown): void => {
    // The server commits before it relays (SPEC: Guarantees), so what it sends is on disk.
    if (connection.isFromServer(origin)) learn(Y.encodeStateVectorFromUpdate(update));
    refresh();
  };
  connection.on('ack', onAck);
  doc.on('update', onUpdate);
  return {
    keepIn(store) {
      offlineStore = store;
      store.get(SAVED_STATE_KEY).then(
        (kept: unknown) => {
          if (kept instanceof ArrayBuffer && offlineStore === store) onAck(new Uint8Array(kept));
        },
        () => undefined,
      );
    },
    stop() {
      offlineStore = null;
      connection.off('ack', onAck);
      doc.off('update', onUpdate);
    },
  };
}
