import type { Awareness } from 'y-protocols/awareness';
import type { Provider } from '@lexical/yjs';
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
