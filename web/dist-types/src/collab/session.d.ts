import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { StatusStore } from './connection-status.js';
import type { LocalUser } from './local-user.js';
export interface CollabSession {
    readonly docName: string;
    readonly doc: Y.Doc;
    /** The stock y-websocket provider; typed loosely so the editor need not import it. */
    readonly provider: WebsocketProvider;
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
