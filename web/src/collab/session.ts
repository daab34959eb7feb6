/**
 * One open document in the browser (STYLE §1, web/src/collab): the Y.Doc, its IndexedDB
 * copy, the y-websocket provider (this is its only importer) and the status model.
 *
 * - Offline (issue 3): every update is kept in IndexedDB, so edits made without a
 *   connection survive a reload; the provider merges them when it reconnects.
 * - Saved (SPEC: Saved acknowledgement): we connect with `?ack=1` and handle message 100.
 * - Nothing starts until the Lexical collaboration plugin has bound the editor and calls
 *   `connect()` (editor-provider.ts): then the socket opens and the IndexedDB copy loads.
 *   Nothing here ever writes document content; the server seeds new documents.
 * - Access (issue 5): the token goes to the socket (`?token=`) and to `/api` calls; the
 *   states that retrying cannot fix are followed by access-watch.ts.
 * - `destroy()` leaves nothing behind (issue 7): our presence is withdrawn for everyone
 *   before the socket closes, and every listener and timer is removed.
 */
import type { Provider } from '@lexical/yjs';
import { MessageType } from '@quire/shared';
import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { readTokenInfo } from './access-token.js';
import { watchAccess } from './access-watch.js';
import { StatusStore, nextConnectionState, type ConnectionEvent } from './connection-status.js';
import { createEditorProvider } from './editor-provider.js';
import { DocApi } from './http-api.js';
import type { LocalUser } from './local-user.js';
import { isCoveredBy, mergeStateVectors, type StateVector } from './save-state.js';
import { encodeDocPath, toWebSocketUrl } from './server-url.js';

export interface CollabSession {
  readonly docName: string;
  readonly doc: Y.Doc;
  /** What the editor binds to (see editor-provider.ts); it drives the y-websocket provider. */
  readonly provider: Provider;
  readonly awareness: Awareness;
  /** The stock y-websocket provider itself, for embedders (`mountEditor` returns it). */
  readonly websocket: WebsocketProvider;
  readonly status: StatusStore;
  /** The HTTP API for this document, with the session's token. */
  readonly api: DocApi;
  /** True for `read` tokens: the server would refuse our edits, so the editor is locked. */
  readonly isReadOnly: boolean;
  setUser(user: LocalUser): void;
  destroy(): void;
}

export interface CollabSessionOptions {
  /** `ws(s)://` or `http(s)://` address of the Quire server. */
  serverUrl: string;
  docName: string;
  /** Access token (SPEC: Access); needed when the server has an auth secret. */
  token?: string | undefined;
}

/** IndexedDB is per origin already; the prefix keeps our databases recognisable. */
export function offlineStoreName(docName: string): string {
  return `quire:${docName}`;
}

function createProvider(options: CollabSessionOptions, doc: Y.Doc): WebsocketProvider {
  const params: Record<string, string> = { ack: '1' };
  if (options.token !== undefined) params['token'] = options.token;
  return new WebsocketProvider(toWebSocketUrl(options.serverUrl), encodeDocPath(options.docName), doc, {
    connect: false,
    params,
  });
}

/** Tracks what the server holds durably and turns it into the "saved" flag. */
function trackSaved(doc: Y.Doc, provider: WebsocketProvider, status: StatusStore): () => void {
  let durable: StateVector = new Map();
  const refresh = (): void => {
    status.update({ isSaved: isCoveredBy(Y.decodeStateVector(Y.encodeStateVector(doc)), durable) });
  };
  provider.messageHandlers[MessageType.Ack] = (_encoder, decoder) => {
    durable = mergeStateVectors(durable, Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
    refresh();
  };
  const onUpdate = (update: Uint8Array, origin: unknown): void => {
    // The server commits before it relays (SPEC: Guarantees), so what it sends is on disk.
    if (origin === provider) {
      durable = mergeStateVectors(durable, Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)));
    }
    refresh();
  };
  doc.on('update', onUpdate);
  return () => doc.off('update', onUpdate);
}

/** Follows the provider's socket and sync events, and the browser's own online flag. */
function trackConnection(provider: WebsocketProvider, status: StatusStore): () => void {
  const apply = (event: ConnectionEvent): void => {
    status.update({ connection: nextConnectionState(status.getSnapshot().connection, event) });
  };
  const onStatus = ({ status: socket }: { status: 'connecting' | 'connected' | 'disconnected' }) =>
    apply({ kind: 'socket', status: socket });
  const onSync = (isSynced: boolean) => apply({ kind: 'synced', isSynced });
  // y-websocket reports "disconnected" only for sockets that had opened; a failed attempt
  // (server down, network gone) shows up only as a closed connection.
  const onClose = () => apply({ kind: 'socket', status: 'disconnected' });
  // A dead network does not close a socket for up to 30 s; restart it so that the
  // reconnect attempts (which fail fast while offline) drive the status instead.
  const restartSocket = (): void => {
    if (!provider.shouldConnect) return;
    provider.disconnect();
    provider.connect();
  };
  const onBrowserOffline = (): void => {
    restartSocket();
    apply({ kind: 'browser-offline' });
  };
  const onBrowserOnline = (): void => {
    if (!provider.wsconnected) restartSocket();
  };
  provider.on('status', onStatus);
  provider.on('sync', onSync);
  provider.on('connection-close', onClose);
  window.addEventListener('offline', onBrowserOffline);
  window.addEventListener('online', onBrowserOnline);
  return () => {
    provider.off('status', onStatus);
    provider.off('sync', onSync);
    provider.off('connection-close', onClose);
    window.removeEventListener('offline', onBrowserOffline);
    window.removeEventListener('online', onBrowserOnline);
  };
}

/** Marks the session loaded once the server has synced it. */
function trackServerLoaded(provider: WebsocketProvider, status: StatusStore): () => void {
  const onSync = (isSynced: boolean): void => {
    if (isSynced) status.update({ isLoaded: true });
  };
  provider.on('sync', onSync);
  return () => provider.off('sync', onSync);
}

/** Opens this device's copy; it counts as loaded content only if it holds any. */
function openOfflineStore(docName: string, doc: Y.Doc, status: StatusStore): IndexeddbPersistence {
  const offlineStore = new IndexeddbPersistence(offlineStoreName(docName), doc);
  offlineStore.on('synced', () => {
    if (doc.get('root', Y.XmlText).length > 0) status.update({ isLoaded: true });
  });
  return offlineStore;
}

/**
 * Remote carets are absolutely positioned from measurements taken when awareness last
 * changed; after the window is resized they would point at stale places. An empty
 * awareness "update" makes the Lexical plugin measure and redraw them.
 */
function redrawCaretsOnResize(awareness: Awareness): () => void {
  let frame = 0;
  const onResize = (): void => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      awareness.emit('update', [{ added: [], updated: [], removed: [] }, 'layout']);
    });
  };
  window.addEventListener('resize', onResize);
  return () => {
    cancelAnimationFrame(frame);
    window.removeEventListener('resize', onResize);
  };
}

export function createCollabSession(options: CollabSessionOptions): CollabSession {
  const { docName, token } = options;
  const doc = new Y.Doc();
  const websocket = createProvider(options, doc);
  const status = new StatusStore();
  const api = new DocApi(options.serverUrl, docName, token);
  const tokenInfo = token === undefined ? null : readTokenInfo(token);
  let offlineStore: IndexeddbPersistence | null = null;
  const stops = [
    trackSaved(doc, websocket, status),
    trackConnection(websocket, status),
    trackServerLoaded(websocket, status),
    redrawCaretsOnResize(websocket.awareness),
    watchAccess({
      websocket,
      status,
      checkAccess: () => api.checkAccess(),
      tokenExpiresAtMs: tokenInfo?.expiresAtMs,
      // This device's copy must not bring a deleted document back on a later visit.
      onDeleted: () => void offlineStore?.clearData(),
    }),
  ];
  const provider = createEditorProvider(websocket, () => {
    offlineStore = openOfflineStore(docName, doc, status);
  });
  return {
    docName,
    doc,
    provider,
    awareness: websocket.awareness,
    websocket,
    status,
    api,
    isReadOnly: tokenInfo?.access === 'read',
    setUser(user) {
      // Fields the Lexical cursor renderer reads; it redraws carets on every change.
      if (websocket.awareness.getLocalState() === null) return;
      websocket.awareness.setLocalStateField('name', user.name);
      websocket.awareness.setLocalStateField('color', user.color);
    },
    destroy() {
      for (const stop of stops) stop();
      // Sent while the socket is still open, so others drop our presence at once rather
      // than when the server notices the closed socket.
      websocket.awareness.setLocalState(null);
      websocket.destroy();
      void offlineStore?.destroy();
      doc.destroy();
    },
  };
}
