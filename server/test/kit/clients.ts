import { randomUUID } from 'node:crypto';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { rawSocket, type RawSocket } from './sockets.js';

/** A stock y-websocket client (the protocol's reference client), as a test drives it. */
export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  synced: Promise<void>;
  destroy(): void;
}

export function docName(): string {
  return `doc-${randomUUID()}`;
}

export function connectClient(
  wsUrl: string,
  name: string,
  options: { params?: Record<string, string>; doc?: Y.Doc } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, name, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: options.params ?? {},
    disableBc: true,
    maxBackoffTime: 200,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    provider,
    text: doc.getText('t'),
    synced,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Close codes the server sends `client`, as they come; after one, it stops reconnecting. */
export function closeCodesOf(client: TestClient): number[] {
  const codes: number[] = [];
  client.provider.on('connection-close', (event: { code: number } | null) => {
    if (event) codes.push(event.code);
    client.provider.shouldConnect = false;
  });
  return codes;
}

export interface Clients {
  /** A client destroyed after the test. */
  connect(wsUrl: string, name: string, options?: Parameters<typeof connectClient>[2]): TestClient;
  /** A bare socket, terminated after the test. */
  raw(wsUrl: string, name: string, options?: WebSocket.ClientOptions): RawSocket;
  /** Two clients of `name`, both synced: the editors a test shows are unaffected by an attack. */
  pair(wsUrl: string, name: string, options?: Parameters<typeof connectClient>[2]): Promise<[TestClient, TestClient]>;
  /** Anything else with `destroy()` (an HTTP provider, a client made elsewhere), destroyed after the test. */
  track<T extends { destroy(): void }>(client: T): T;
}

/**
 * Clients and sockets made through it are destroyed after each test. Vitest runs `afterEach` hooks in
 * reverse order, so call it after the hook that closes the server: clients go first.
 */
export function useClients(): Clients {
  const open: { destroy(): void }[] = [];
  afterEach(() => {
    for (const client of open.splice(0)) client.destroy();
  });
  const track = <T extends { destroy(): void }>(client: T): T => {
    open.push(client);
    return client;
  };
  const connect = (wsUrl: string, name: string, options?: Parameters<typeof connectClient>[2]): TestClient =>
    track(connectClient(wsUrl, name, options));
  return {
    track,
    connect,
    pair: async (wsUrl, name, options) => {
      const pair: [TestClient, TestClient] = [connect(wsUrl, name, options), connect(wsUrl, name, options)];
      await Promise.all(pair.map((client) => client.synced));
      return pair;
    },
    raw: (wsUrl, name, options) => {
      const socket = rawSocket(wsUrl, name, options);
      track({ destroy: () => socket.ws.terminate() });
      return socket;
    },
  };
}
