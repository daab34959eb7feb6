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
 */
import type { Provider } from '@lexical/yjs';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { StatusStore } from './connection-status.js';
import type { LocalUser } from './local-user.js';
export interface CollabSession {
    readonly docName: string;
    readonly doc: Y.Doc;
    /** What the editor binds to (see editor-provider.ts); it drives the y-websocket provider. */
    readonly provider: Provider;
    readonly awareness: Awareness;
    readonly status: StatusStore;
    setUser(user: LocalUser): void;
    destroy(): void;
}
export interface CollabSessionOptions {
    serverUrl: string;
    docName: string;
}
/** IndexedDB is per origin already; the prefix keeps our databases recognisable. */
export declare function offlineStoreName(docName: string): string;
export declare function createCollabSession({ serverUrl, docName }: CollabSessionOptions): CollabSession;
