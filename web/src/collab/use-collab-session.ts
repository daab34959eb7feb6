import { useEffect, useState, useSyncExternalStore } from 'react';
import type { CollabStatus } from './connection-status.js';
import { createCollabSession, type CollabSession } from './session.js';
import type { TransportMode } from './transport-policy.js';

/** Opens a session for `docName` while the calling component is mounted. */
export function useCollabSession(
  serverUrl: string,
  docName: string,
  token?: string,
  transport?: TransportMode,
): CollabSession | null {
  const [session, setSession] = useState<CollabSession | null>(null);
  useEffect(() => {
    const opened = createCollabSession({ serverUrl, docName, token, transport });
    setSession(opened);
    return () => {
      setSession(null);
      opened.destroy();
    };
  }, [serverUrl, docName, token, transport]);
  return session;
}

export function useCollabStatus(session: CollabSession): CollabStatus {
  return useSyncExternalStore(session.status.subscribe, session.status.getSnapshot);
}
