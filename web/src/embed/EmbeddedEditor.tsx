/**
 * An open session rendered for embedding (issue 7): an optional one-line bar (status,
 * "View only", who is here) above the same DocumentView the app page uses, inside a
 * themable root element. Reports status and changes to the host's callbacks.
 */
import { useEffect, useRef, type JSX } from 'react';
import type { CollabStatus } from '../collab/connection-status.js';
import { usePeers } from '../collab/presence.js';
import type { CollabSession } from '../collab/session.js';
import { useCollabStatus } from '../collab/use-collab-session.js';
import { DocumentView } from '../ui/DocumentView.js';
import { PresenceList } from '../ui/PresenceList.js';
import { StatusBadge } from '../ui/StatusBadge.js';
import { defaultEmbedUser } from './embed-user.js';
import type { EditorOptions, EditorStatus } from './types.js';

function EmbedBar({
  session,
  status,
  isReadOnly,
}: {
  session: CollabSession;
  status: CollabStatus;
  isReadOnly: boolean;
}): JSX.Element {
  const peers = usePeers(session.awareness);
  return (
    <div className="q-embed-bar">
      <StatusBadge status={status} isReadOnly={isReadOnly} />
      <PresenceList peers={peers} />
    </div>
  );
}

/** Calls the latest `onStatus` whenever the public status changes. */
function useStatusReport(status: CollabStatus, isReadOnly: boolean, onStatus: EditorOptions['onStatus']): void {
  const callback = useRef(onStatus);
  callback.current = onStatus;
  const { connection, isSaved, isLoaded, problem, transport } = status;
  useEffect(() => {
    const report: EditorStatus = { connection, isSaved, isLoaded, isReadOnly, problem, transport };
    callback.current?.(report);
  }, [connection, isSaved, isLoaded, isReadOnly, problem, transport]);
}

/** Calls the latest `onChange` after every document update, local or remote. */
function useChangeReport(session: CollabSession, onChange: EditorOptions['onChange']): void {
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    const onUpdate = (
      _update: Uint8Array,
      _origin: unknown,
      doc: typeof session.doc,
      transaction: { local: boolean },
    ) => callback.current?.({ doc, isLocal: transaction.local });
    session.doc.on('update', onUpdate);
    return () => session.doc.off('update', onUpdate);
  }, [session]);
}

export function EmbeddedEditor({ session, options }: { session: CollabSession; options: EditorOptions }): JSX.Element {
  const status = useCollabStatus(session);
  const isReadOnly = options.readOnly === true || session.isReadOnly;
  const user = options.user ?? defaultEmbedUser(options.token);
  useStatusReport(status, isReadOnly, options.onStatus);
  useChangeReport(session, options.onChange);
  useEffect(() => {
    session.setUser({ name: user.name, color: user.color });
  }, [session, user.name, user.color]);
  const className = ['q-root', 'q-embed', options.className].filter(Boolean).join(' ');
  return (
    <div className={className} data-doc={session.docName}>
      {options.showStatusBar !== false && <EmbedBar session={session} status={status} isReadOnly={isReadOnly} />}
      <DocumentView
        session={session}
        status={status}
        user={user}
        isReadOnly={isReadOnly}
        toolbar={options.toolbar}
        hasComments={options.comments !== false}
      />
    </div>
  );
}
