/**
 * One open document in the browser (STYLE §1, web/src/collab): the Y.Doc, its IndexedDB
 * copy, the y-websocket provider (this is its only importer) and the HTTP fallback behind
 * one SyncConnection (issue 9), and the status model.
 *
 * - Offline (issue 3): every update is kept in IndexedDB, in this person's copy
 *   (device-copies.ts, issue 23), so edits made without a connection survive a reload; the
 *   provider merges them when it reconnects. Changes the server keeps refusing stop the
 *   page instead (refusal-watch.ts).
 * - Saved (SPEC: Saved acknowledgement): we connect with `?ack=1` and handle message 100,
 *   on either transport.
 * - Nothing starts until the Lexical collaboration plugin has bound the editor and calls
 *   `connect()` (editor-provider.ts): then the socket opens and the IndexedDB copy loads.
 *   Nothing here ever writes document content; the server seeds new documents.
 * - Access (issue 5): the token goes to the socket (`?token=`) and to `/api` calls; the
 *   states that retrying cannot fix are followed by access-watch.ts.
 * - `destroy()` leaves nothing behind (issue 7): our presence is withdrawn for everyone
 *   before the socket closes, and every listener and timer is removed.
 */
import type { Provider } from '@lexical/yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { readTokenInfo, type TokenInfo } from './access-token.js';
import { watchAccess } from './access-watch.js';
import { copyOwnerOf, offlineStoreName } from './device-copies.js';
import { StatusStore, nextConnectionState, type ConnectionEvent } from './connection-status.js';
import { createEditorProvider } from './editor-provider.js';
import { DocApi } from './http-api.js';
import { HttpSyncProvider } from './http-provider.js';
import type { LocalUser } from './local-user.js';
import { encodeDocPath, toHttpUrl, toWebSocketUrl } from './server-url.js';
import { SyncConnection } from './sync-connection.js';
import { ImageUploads } from './image-uploads.js';
import { trackSaved } from './saved-tracking.js';
import { watchRefusals } from './refusal-watch.js';
import type { Transport, TransportMode } from './transport-policy.js';

export interface CollabSession {
  readonly docName: string;
  readonly doc: Y.Doc;
  /** What the editor binds to (see editor-provider.ts); it drives the SyncConnection. */
  readonly provider: Provider;
  /** Shared by both transports, so presence survives a switch. */
  readonly awareness: Awareness;
  /**
   * The stock y-websocket provider itself, for embedders (`mountEditor` returns it). It is
   * disconnected while the session runs on the HTTP fallback.
   */
  readonly websocket: WebsocketProvider;
  readonly status: StatusStore;
  /** The HTTP API for this document, with the session's token. */
  readonly api: DocApi;
  /** This document's image files on this device and their uploads (SPEC: Files (images)). */
  readonly images: ImageUploads;
  /** True for `read` and `comment` tokens: the server would refuse our text edits, so the editor is locked. */
  readonly isReadOnly: boolean;
  /** What the page's token says (decoded for display only; the server checks it), null without one. */
  readonly tokenInfo: TokenInfo | null;
  setUser(user: LocalUser): void;
  destroy(): void;
}

export interface CollabSessionOptions {
  /** `ws(s)://` or `http(s)://` address of the Quire server. */
  serverUrl: string;
  docName: string;
  /** Access token (SPEC: Access); needed when the server has an auth secret. */
  token?: string | undefined;
  /** `auto` (default): WebSocket, falling back to HTTP when it is blocked (issue 9). */
  transport?: TransportMode | undefined;
}

/** Both transports, on one Y.Doc and one Awareness; neither connects yet. */
function createConnection(options: CollabSessionOptions, doc: Y.Doc, owner: string | null): SyncConnection {
  const params: Record<string, string> = { ack: '1' };
  if (options.token !== undefined) params['token'] = options.token;
  const awareness = new Awareness(doc);
  const websocket = new WebsocketProvider(toWebSocketUrl(options.serverUrl), encodeDocPath(options.docName), doc, {
    connect: false,
    params,
    awareness,
  });
  // Tabs of this browser pass changes to each other over a BroadcastChannel named after the
  // room: one per person, like the device copies, or a tab would hand its person's unsent
  // changes to another person's tab, which would send them under the wrong token.
  if (owner !== null) websocket.bcChannel = `${websocket.bcChannel}\u001e${owner}`;
  const http = new HttpSyncProvider(toHttpUrl(options.serverUrl), options.docName, doc, {
    connect: false,
    params,
    awareness,
  });
  return new SyncConnection(websocket, http, options.transport ?? 'auto');
}

/** Follows the connection's socket, sync and transport events, and the browser's online flag. */
function trackConnection(connection: SyncConnection, status: StatusStore): () => void {
  const apply = (event: ConnectionEvent): void => {
    status.update({ connection: nextConnectionState(status.getSnapshot().connection, event) });
  };
  const onStatus = ({ status: socket }: { status: 'connecting' | 'connected' | 'disconnected' }) =>
    apply({ kind: 'socket', status: socket });
  const onSync = (isSynced: boolean) => apply({ kind: 'synced', isSynced });
  // y-websocket reports "disconnected" only for sockets that had opened; a failed attempt
  // (server down, network gone) shows up only as a closed connection.
  const onClose = () => apply({ kind: 'socket', status: 'disconnected' });
  const onTransport = (transport: Transport) => status.update({ transport });
  // A dead network does not close a socket (or a stream) for up to 30 s; restart it so
  // that the reconnect attempts (which fail fast while offline) drive the status instead.
  const onBrowserOffline = (): void => {
    connection.restart();
    apply({ kind: 'browser-offline' });
  };
  const onBrowserOnline = (): void => {
    if (!connection.isConnected) connection.restart();
  };
  status.update({ transport: connection.transport });
  connection.on('status', onStatus);
  connection.on('sync', onSync);
  connection.on('connection-close', onClose);
  connection.on('transport', onTransport);
  window.addEventListener('offline', onBrowserOffline);
  window.addEventListener('online', onBrowserOnline);
  return () => {
    connection.off('status', onStatus);
    connection.off('sync', onSync);
    connection.off('connection-close', onClose);
    connection.off('transport', onTransport);
    window.removeEventListener('offline', onBrowserOffline);
    window.removeEventListener('online', onBrowserOnline);
  };
}

/** Marks the session loaded once the server has synced it. */
function trackServerLoaded(connection: SyncConnection, status: StatusStore): () => void {
  const onSync = (isSynced: boolean): void => {
    if (isSynced) status.update({ isLoaded: true });
  };
  connection.on('sync', onSync);
  return () => connection.off('sync', onSync);
}

/** Opens this person's copy on this device; it counts as loaded content only if it holds any. */
function openOfflineStore(parts: SessionParts): IndexeddbPersistence {
  const { doc, status } = parts;
  const offlineStore = new IndexeddbPersistence(offlineStoreName(parts.docName, copyOwnerOf(parts.tokenInfo)), doc);
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

/** What a session is made of; the device copy opens once the editor has bound. */
interface SessionParts {
  docName: string;
  doc: Y.Doc;
  connection: SyncConnection;
  status: StatusStore;
  api: DocApi;
  tokenInfo: TokenInfo | null;
  images: ImageUploads;
  offlineStore: IndexeddbPersistence | null;
}

export function createCollabSession(options: CollabSessionOptions): CollabSession {
  const parts = openParts(options);
  const saved = trackSaved(parts.doc, parts.connection, parts.status);
  const stops = [() => saved.stop(), ...followConnection(parts)];
  const provider = createEditorProvider(parts.connection, () => {
    const offlineStore = openOfflineStore(parts);
    parts.offlineStore = offlineStore;
    saved.keepIn(offlineStore);
  });
  return sessionOf(parts, provider, stops);
}

function openParts(options: CollabSessionOptions): SessionParts {
  const { docName, token } = options;
  const doc = new Y.Doc();
  const tokenInfo = token === undefined ? null : readTokenInfo(token);
  return {
    docName,
    doc,
    connection: createConnection(options, doc, copyOwnerOf(tokenInfo)),
    status: new StatusStore(),
    api: new DocApi(options.serverUrl, docName, token),
    tokenInfo,
    images: new ImageUploads({ serverUrl: options.serverUrl, docName, token, owner: copyOwnerOf(tokenInfo) }),
    offlineStore: null,
  };
}

/** Everything that follows the connection, each as the function that stops it. */
function followConnection(parts: SessionParts): (() => void)[] {
  const { connection, status, images, api } = parts;
  const flushImages = (isSynced: boolean): void => void (isSynced && images.flush());
  connection.on('sync', flushImages);
  return [
    () => connection.off('sync', flushImages),
    () => images.destroy(),
    trackConnection(connection, status),
    trackServerLoaded(connection, status),
    redrawCaretsOnResize(connection.awareness),
    watchRefusals(connection, status),
    watchAccess({
      connection,
      status,
      checkAccess: () => api.checkAccess(),
      tokenExpiresAtMs: parts.tokenInfo?.expiresAtMs,
      // This device's copy must not bring a deleted document back on a later visit.
      onDeleted: () => void parts.offlineStore?.clearData(),
    }),
  ];
}

function sessionOf(parts: SessionParts, provider: Provider, stops: (() => void)[]): CollabSession {
  const { docName, doc, connection, status, api, images, tokenInfo } = parts;
  const { awareness } = connection;
  return {
    docName,
    doc,
    provider,
    awareness,
    websocket: connection.websocket,
    status,
    api,
    images,
    isReadOnly: tokenInfo?.access === 'read' || tokenInfo?.access === 'comment',
    tokenInfo,
    setUser(user) {
      // Fields the Lexical cursor renderer reads; it redraws carets on every change.
      if (awareness.getLocalState() === null) return;
      // A token's name is who the server says this is (SPEC: Access): it wins over a local rename.
      awareness.setLocalStateField('name', tokenInfo?.name ?? user.name);
      awareness.setLocalStateField('color', user.color);
    },
    destroy() {
      for (const stop of stops) stop();
      // Sent while the connection is still open, so others drop our presence at once
      // rather than when the server notices it has gone.
      awareness.setLocalState(null);
      connection.destroy();
      awareness.destroy();
      void parts.offlineStore?.destroy();
      doc.destroy();
    },
  };
}
