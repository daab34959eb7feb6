import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';
import { transportAbuseContract } from './contracts/transport-abuse.contract.js';
import { webSocketClient } from './contracts/transport-client.js';
import { httpTransportClient } from './contracts/transport-client-http.js';

/**
 * SPEC: WebSocket, When WebSockets are blocked; STYLE §5 — bad input closes that
 * connection only, with the right code; the server, the document and the other clients
 * carry on untouched. The abuse table (contracts/transport-abuse-cases.ts) runs over every
 * transport; what only one transport can be sent lives beside it (HTTP batches and bodies:
 * abuse-http.test.ts).
 */
transportAbuseContract('WebSocket', webSocketClient, { textFrames: true });
transportAbuseContract('HTTP', httpTransportClient, { textFrames: false });

describe('WebSocket upgrade paths (SPEC: WebSocket names)', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('document names that are empty, too long or contain control characters get HTTP 400', async () => {
    server = await startTestServer();
    const client = webSocketClient(server);
    for (const path of ['', 'x'.repeat(513), 'bad%00name', 'tab%09name', '%E0%A4%A']) {
      await expect(client.connect(path).opened).rejects.toThrow('HTTP 400');
    }
    const ok = client.connect(encodeURIComponent('team/notes ü'));
    await ok.opened;
    ok.close();
  });
});
