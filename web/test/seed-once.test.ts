/**
 * New documents are seeded once, by the server (SPEC: New documents; PITFALLS: client
 * bootstrapping). Real y-websocket clients in Node open a fresh document at the same
 * moment; none of them writes content, and all end up with exactly one paragraph.
 */
import { QUIRE_NODES } from '@quire/shared/lexical';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { EDITOR_NODES } from '../src/editor/editor-config.js';
import { startTestServer, type TestServer, useClients, waitFor } from './support/server.js';

const CLIENTS = 6;

function rootBlocks(doc: Y.Doc): Array<{ type: unknown; text: string }> {
  const delta = doc.get('root', Y.XmlText).toDelta() as Array<{ insert: unknown }>;
  return delta.map(({ insert }) => ({
    type: insert instanceof Y.XmlText ? insert.getAttribute('__type') : typeof insert,
    text: insert instanceof Y.XmlText ? insert.toString() : String(insert),
  }));
}

describe('seeding a new document (SPEC: New documents)', () => {
  let server: TestServer;
  const providers: WebsocketProvider[] = [];

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    providers.length = 0;
    await server.close();
  });
  const clients = useClients();

  it('clients opening a fresh document at the same moment all see exactly one paragraph', async () => {
    const docName = `seed/${randomUUID()}`;
    const docs = Array.from({ length: CLIENTS }, () => new Y.Doc());
    for (const doc of docs) {
      providers.push(
        clients.track(
          new WebsocketProvider(server.wsUrl, docName, doc, {
            WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
            disableBc: true,
          }),
        ),
      );
    }
    await waitFor(() => providers.every((provider) => provider.synced), {
      what: 'every client to sync',
    });
    const expected = [{ type: 'paragraph', text: '' }];
    for (const doc of docs) expect(rootBlocks(doc)).toEqual(expected);

    // A later client sees the same single paragraph: the seed was stored once, not per client.
    const late = new Y.Doc();
    providers.push(
      clients.track(
        new WebsocketProvider(server.wsUrl, docName, late, {
          WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
          disableBc: true,
        }),
      ),
    );
    await waitFor(() => providers.at(-1)?.synced, { what: 'the late client to sync' });
    expect(rootBlocks(late)).toEqual(expected);
    const writers = [...Y.decodeStateVector(Y.encodeStateVector(late)).keys()];
    expect(writers).toHaveLength(1);
    expect(docs.map((doc) => doc.clientID)).not.toContain(writers[0]);
  });
});

describe('the Lexical node list (SPEC: Web; STYLE §1 server/src/content)', () => {
  it('is the one module the server seeds with and the web editor registers', () => {
    expect(EDITOR_NODES).toBe(QUIRE_NODES);
    const types = QUIRE_NODES.map((node) => node.getType());
    expect(types).toEqual(
      expect.arrayContaining(['heading', 'quote', 'list', 'listitem', 'code', 'code-highlight', 'link', 'autolink']),
    );
  });
});
