import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { docName, startTestServer, useClients, useServers, waitFor, type TestClient } from './helpers.js';

/**
 * Issue #19: a client coming back online sends its offline edits as a sync step 2, which
 * the server stores as Yjs re-encodes it. When it deletes a paragraph that, meanwhile,
 * got words from someone else, Yjs lists those words as deleted too (a deleted type
 * deletes its children). Relayed like that, the typist would be told their own words were
 * deleted by someone who never saw them; the relayed update lists only what the sender did.
 */
const servers = useServers();
const clients = useClients();

/** Every update the server relays to `client` (sync step 2 answers and updates), as sent. */
function relayedTo(client: TestClient): Uint8Array[] {
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

function deletedClientsOf(update: Uint8Array): number[] {
  return [...Y.decodeUpdate(update).ds.clients.keys()];
}

function deletedIn(client: TestClient): ReturnType<typeof Y.createDeleteSetFromStructStore> {
  return Y.createDeleteSetFromStructStore(client.doc.store);
}

function paragraphText(client: TestClient): string {
  return client.doc.get('body', Y.XmlText).toString();
}

describe('a sync step 2 relayed to the others', () => {
  it("lists only the sender's deletions, never words it did not see", async () => {
    const server = servers.track(await startTestServer());
    const name = docName();
    const [a, b] = await clients.pair(server.wsUrl, name);
    const inner = new Y.XmlText('x');
    a.doc.transact(() => {
      const paragraph = new Y.XmlText();
      a.doc.get('body', Y.XmlText).insertEmbed(0, paragraph);
      paragraph.insertEmbed(0, inner);
    });
    await waitFor(() => paragraphText(b) === paragraphText(a) && paragraphText(a).includes('x'));
    a.provider.disconnect();
    const seenByB = relayedTo(b);
    const typed = b.doc.get('body', Y.XmlText).toDelta()[0].insert.toDelta()[0].insert as Y.XmlText;
    typed.insert(1, ' words of b');
    a.doc.get('body', Y.XmlText).delete(0, 1);
    a.provider.connect();
    await waitFor(() => paragraphText(b) === '' && paragraphText(a) === '');
    const deleting = seenByB.filter((update) => deletedClientsOf(update).length > 0);
    expect(deleting.length).toBeGreaterThan(0);
    for (const update of deleting) expect(deletedClientsOf(update)).not.toContain(b.doc.clientID);
    // Everyone, and the document as stored, ends the same.
    const fresh = clients.connect(server.wsUrl, name);
    await fresh.synced;
    for (const client of [b, fresh]) {
      expect(Y.encodeStateVector(client.doc)).toEqual(Y.encodeStateVector(a.doc));
      expect(Y.equalDeleteSets(deletedIn(client), deletedIn(a))).toBe(true);
    }
  });
});
