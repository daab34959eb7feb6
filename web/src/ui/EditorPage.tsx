import { useEffect, useMemo, useState, type JSX } from 'react';
import type { CollabStatus } from '../collab/connection-status.js';
import type { LocalUser } from '../collab/local-user.js';
import { usePeers } from '../collab/presence.js';
import type { CollabSession } from '../collab/session.js';
import { parseTransportMode } from '../collab/transport-policy.js';
import { useCollabSession, useCollabStatus } from '../collab/use-collab-session.js';
import { CommentCount } from './CommentCount.js';
import { DocumentView } from './DocumentView.js';
import { NameEditor } from './NameEditor.js';
import { takePageToken } from './page-token.js';
import { PresenceList } from './PresenceList.js';
import { StatusBadge } from './StatusBadge.js';
import { useLocalUser } from './use-local-user.js';
import { VersionsPanel } from './VersionsPanel.js';

interface EditorPageProps {
  docName: string;
  serverUrl: string;
}

interface DocumentHeaderProps {
  session: CollabSession;
  status: CollabStatus;
  user: LocalUser;
  onUserChange: (user: LocalUser) => void;
  isPanelOpen: boolean;
  onTogglePanel: () => void;
}

function DocumentHeader(props: DocumentHeaderProps): JSX.Element {
  const { session, status } = props;
  return (
    <header className="q-header">
      <a className="q-back" href="/" title="All documents" aria-label="All documents">
        ‹
      </a>
      <h1 className="q-doc-title" title={session.docName}>
        {session.docName}
      </h1>
      <StatusBadge status={status} isReadOnly={session.isReadOnly} />
      <HeaderEnd {...props} />
    </header>
  );
}

/** Comments, people, your name and the versions button, at the end of the header. */
function HeaderEnd({ session, status, user, onUserChange, isPanelOpen, onTogglePanel }: DocumentHeaderProps) {
  const peers = usePeers(session.awareness);
  return (
    <div className="q-header-end">
      <CommentCount doc={session.doc} />
      <PresenceList peers={peers} />
      {session.tokenInfo?.name === undefined && <NameEditor user={user} onChange={onUserChange} />}
      <button
        type="button"
        className={isPanelOpen ? 'q-button q-button-small is-active' : 'q-button q-button-small'}
        aria-expanded={isPanelOpen}
        onClick={onTogglePanel}
        disabled={status.problem !== null}
      >
        Versions
      </button>
    </div>
  );
}

function OpenDocument({
  session,
  token,
  user,
  onUserChange,
}: {
  session: CollabSession;
  token: string | undefined;
  user: LocalUser;
  onUserChange: (user: LocalUser) => void;
}): JSX.Element {
  const status = useCollabStatus(session);
  const [isPanelOpen, setIsPanelOpen] = useState(false);
  const showPanel = isPanelOpen && status.problem === null;
  return (
    <div className="q-app">
      <DocumentHeader
        session={session}
        status={status}
        user={user}
        onUserChange={onUserChange}
        isPanelOpen={showPanel}
        onTogglePanel={() => setIsPanelOpen(!isPanelOpen)}
      />
      <div className="q-body">
        <div className="q-main">
          <DocumentView session={session} status={status} user={user} isReadOnly={session.isReadOnly} hasComments />
        </div>
        {showPanel && (
          <VersionsPanel
            api={session.api}
            token={token}
            canWrite={!session.isReadOnly}
            onClose={() => setIsPanelOpen(false)}
          />
        )}
      </div>
    </div>
  );
}

/** `/d/<docName>`: one document, its people, its status and its versions. */
export function EditorPage({ docName, serverUrl }: EditorPageProps): JSX.Element {
  const token = useMemo(() => takePageToken(docName), [docName]);
  // `?transport=http` forces the fallback, to try it on a network where WebSockets work.
  const transport = useMemo(() => parseTransportMode(new URLSearchParams(window.location.search).get('transport')), []);
  const session = useCollabSession(serverUrl, docName, token, transport);
  const [user, setUser] = useLocalUser();

  useEffect(() => {
    document.title = `${docName} · Quire`;
  }, [docName]);

  if (session === null) return <div className="q-app" />;
  // A token's name is who the server says this is: shown for carets and comments (SPEC: Access).
  const shownUser = session.tokenInfo?.name === undefined ? user : { ...user, name: session.tokenInfo.name };
  const changeUser = (next: LocalUser): void => {
    setUser(next);
    session.setUser(next);
  };
  return (
    <OpenDocument key={session.doc.guid} session={session} token={token} user={shownUser} onUserChange={changeUser} />
  );
}
