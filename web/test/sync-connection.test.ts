/**
 * The editor's connection switching transports against the real server (issue 9; SPEC:
 * When WebSockets are blocked), in Node with the `ws` polyfill so WebSocket can be
 * blocked and unblocked at will and the probe interval shortened.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { HttpSyncProvider } from '../src/collab/http-provider.js';
import { SyncConnection } from '../src/collab/sync-connection.js';
import type { Transport } from '../src/collab/transport-policy.js';
import { startTestServer, type TestServer, useClients, waitFor } from './support/server.js';

let server: TestServer;

afterEach(async () => {
  await server.close();
});
const clients = useClients();

/** A WebSocket class that throws while `gate.isBlocked`, like a browser that refuses them. */
function gatedWebSocket(gate: { isBlocked: boolean }): typeof globalThis.WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      if (gate.isBlocked) throw new Error('blocked');
      super(url, protocols);
    }
  } as unknown as typeof globalThis.WebSocket;
}

function openConnection(docName: string, gate: { isBlocked: boolean }): SyncConnection {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const params = { ack: '1' };
  const websocket = new WebsocketProvider(server.wsUrl, docName, doc, {
    connect: false,
    params,
    awareness,
    disableBc: true,
    WebSocketPolyfill: gatedWebSocket(gate),
  });
  const http = new HttpSyncProvider(server.url, docName, doc, {
    connect: false,
    params,
    awareness,
    heartbeatMs: 1_000,
  });
  const connection = new SyncConnection(websocket, http, 'auto', () => 100);
  clients.track({
    destroy: () => {
      connection.destroy();
      awareness.destroy();
    },
  });
  return connection;
}

function stockClient(docName: string): WebsocketProvider {
  const provider = new WebsocketProvider(server.wsUrl, docName, new Y.Doc(), {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return clients.track(provider);
}

describe('switching transports (SPEC: When WebSockets are blocked)', () => {
  it('falls back to HTTP, returns to WebSocket once a probe gets through, and keeps editing, presence and acks', async () => {
    server = await startTestServer();
    const docName = `switch-${randomUUID()}`;
    const gate = { isBlocked: true };
    const connection = openConnection(docName, gate);
    const doc = connection.websocket.doc;
    const transports: Transport[] = [];
    const acks: Uint8Array[] = [];
    let syncEvents = 0;
    connection.on('transport', (transport) => transports.push(transport));
    connection.on('ack', (stateVector) => acks.push(stateVector));
    connection.on('sync', (isSynced) => void (isSynced && syncEvents++));
    const peer = stockClient(docName);
    const text = (d: Y.Doc): string => d.getText('t').toString();
    const isAcked = (): boolean =>
      acks.some((sv) => (Y.decodeStateVector(sv).get(doc.clientID) ?? 0) >= Y.getState(doc.store, doc.clientID));

    connection.awareness.setLocalStateField('name', 'Switcher');
    connection.connect();
    await waitFor(() => syncEvents === 1, { what: 'synced over HTTP' });
    expect(connection.transport).toBe('http');
    doc.getText('t').insert(0, 'over http. ');
    await waitFor(() => text(peer.doc) === 'over http. ', { what: 'edit over HTTP' });
    await waitFor(isAcked, { what: 'ack over HTTP' });

    gate.isBlocked = false;
    await waitFor(() => syncEvents === 2 && connection.transport === 'websocket', { what: 'back on WebSocket' });
    expect(transports).toEqual(['http', 'websocket']);
    doc.getText('t').insert(doc.getText('t').length, 'over ws.');
    await waitFor(() => text(peer.doc) === 'over http. over ws.', { what: 'edit over WebSocket' });
    await waitFor(isAcked, { what: 'ack over WebSocket' });
    await waitFor(() => peer.awareness.getStates().get(doc.clientID)?.['name'] === 'Switcher', {
      what: 'presence after the switch',
    });
  });
});
