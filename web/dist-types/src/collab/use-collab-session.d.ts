import type { CollabStatus } from './connection-status.js';
import { type CollabSession } from './session.js';
/** Opens a session for `docName` while the calling component is mounted. */
export declare function useCollabSession(serverUrl: string, docName: string): CollabSession | null;
export declare function useCollabStatus(session: CollabSession): CollabStatus;
