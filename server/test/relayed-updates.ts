import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { TestClient } from './helpers.js';

/**
 * What the server relays to a client, for the issue #19 tests: which deletions an update
 * sent to a typist lists decides whether its editor reads its own words as deleted by
 * someone who had seen them.
 */

/** Every update the server relays to `client` (sync step 2 answers and updates), as sent. */
export function relayedTo(client: TestClient): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const ws = client.provider.ws as unknown as {
    addEventListener(type: 'message', listener: (event: { data: ArrayBuffer }) => void): void;
  };
  ws.addEventListener('message', (event) => {
    const decoder = decoding.createDecoder(new Uint8Array(event.data));
    if (decoding.readVarUint(decoder) !== 0) return;
    if (decoding.readVarUint(decoder) === 0) return;
    updates.push(decoding.readVarUint8Array(decoder));
  });
  return updates;
}

/** The clients whose items `update` lists as deleted. */
export function deletedClientsOf(update: Uint8Array): number[] {
  return [...Y.decodeUpdate(update).ds.clients.keys()];
}

/** Everything deleted in `client`'s document. */
export function deletedIn(client: TestClient): ReturnType<typeof Y.createDeleteSetFromStructStore> {
  return Y.createDeleteSetFromStructStore(client.doc.store);
}
