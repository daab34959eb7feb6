import { afterEach, describe, expect, it } from 'vitest';
import { docName, startTestServer, useClients, waitFor, type TestClient, type TestServer } from './helpers.js';

/**
 * A change goes to every other socket of the room as one frame framed once for all of them
 * (`transport/shared-frame.ts`): the stock y-websocket client must apply it on every socket,
 * and a socket that has gone must not stop the frame reaching the rest.
 */
let server: TestServer;
afterEach(async () => {
  await server?.close();
});
const clients = useClients();

describe('relaying one frame to many sockets (SPEC: WebSocket)', () => {
  it('every other client applies the change and the presence, even with a dropped socket among them', async () => {
    server = await startTestServer();
    const name = docName();
    const all: TestClient[] = Array.from({ length: 8 }, () => clients.connect(server.wsUrl, name));
    await Promise.all(all.map((client) => client.synced));
    const [writer, dropped, ...readers] = all as [TestClient, TestClient, ...TestClient[]];
    // Gone without a close handshake: the server learns of it only when it writes.
    dropped.provider.shouldConnect = false;
    // In Node the provider's socket is a `ws` WebSocket, which can drop the connection.
    (dropped.provider.ws as unknown as { terminate(): void } | null)?.terminate();
    for (let i = 0; i < 20; i++) writer.text.insert(writer.text.length, `${i};`);
    writer.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    const expected = writer.text.toString();
    const hasAll = (reader: TestClient): boolean => reader.text.toString() === expected;
    const seesAda = (reader: TestClient): boolean =>
      (reader.provider.awareness.getStates().get(writer.doc.clientID) as { user?: { name: string } } | undefined)?.user
        ?.name === 'Ada';
    await waitFor(() => readers.every(hasAll) && readers.every(seesAda), { what: 'every reader has it all' });
    // And the room still relays afterwards.
    readers[0]!.text.insert(0, 'last ');
    await waitFor(
      () => writer.text.toString().startsWith('last ') && readers.every((r) => r.text.length === writer.text.length),
      {
        what: 'a later change relayed',
      },
    );
    expect(readers[5]!.text.toString()).toBe(writer.text.toString());
  });
});
