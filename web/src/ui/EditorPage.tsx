import { useEffect, type JSX } from 'react';
import type { CollabStatus } from '../collab/connection-status.js';
import type { LocalUser } from '../collab/local-user.js';
import { usePeers } from '../collab/presence.js';
import type { CollabSession } from '../collab/session.js';
import { useCollabSession, useCollabStatus } from '../collab/use-collab-session.js';
import { RichTextEditor } from '../editor/RichTextEditor.js';
import { NameEditor } from './NameEditor.js';
import { PresenceList } from './PresenceList.js';
import { StatusBadge } from './StatusBadge.js';
import { useLocalUser } from './use-local-user.js';

interface EditorPageProps {
  docName: string;
  serverUrl: string;
}

function DocumentHeader({ session, status, user, onUserChange }: {
  session: CollabSession;
  status: CollabStatus;
  user: LocalUser;
  onUserChange: (user: LocalUser) => void;
}): JSX.Element {
  const peers = usePeers(session.awareness);
  return (
    <header className="q-header">
      <a className="q-back" href="/" title="All documents" aria-label="All documents">
        ‹
      </a>
      <h1 className="q-doc-title" title={session.docName}>{session.docName}</h1>
      <StatusBadge status={status} />
      <div className="q-header-end">
        <PresenceList peers={peers} />
        <NameEditor user={user} onChange={onUserChange} />
      </div>
    </header>
  );
}

function OpenDocument({ session, user, onUserChange }: {
  session: CollabSession;
  user: LocalUser;
  onUserChange: (user: LocalUser) => void;
}): JSX.Element {
  const status = useCollabStatus(session);
  return (
    <div className="q-app">
      <DocumentHeader session={session} status={status} user={user} onUserChange={onUserChange} />
      <RichTextEditor
        docName={session.docName}
        doc={session.doc}
        provider={session.provider}
        user={user}
        isEditable={status.isLoaded}
      />
    </div>
  );
}

/** `/d/<docName>`: one document, its people and its status. */
export function EditorPage({ docName, serverUrl }: EditorPageProps): JSX.Element {
  const session = useCollabSession(serverUrl, docName);
  const [user, setUser] = useLocalUser();

  useEffect(() => {
    document.title = `${docName} · Quire`;
  }, [docName]);

  if (session === null) return <div className="q-app" />;
  const changeUser = (next: LocalUser): void => {
    setUser(next);
    session.setUser(next);
  };
  return <OpenDocument key={session.doc.guid} session={session} user={user} onUserChange={changeUser} />;
}
