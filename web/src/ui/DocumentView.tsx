/**
 * One open document's editing surface, shared by the app page and every embed (issue 7):
 * the editor bound to the session, locked while it loads, for read-only access (issue 5)
 * and once the session has stopped, with the reason shown above it. Refused access shows
 * the reason instead: there is no content to show.
 */
import { useMemo, type JSX } from 'react';
import { canComment, commentAuthorOf } from '../collab/comment-identity.js';
import type { CollabStatus } from '../collab/connection-status.js';
import type { CollabSession } from '../collab/session.js';
import { RichTextEditor, type EditorUser } from '../editor/RichTextEditor.js';
import type { ToolbarOption } from '../editor/toolbar-buttons.js';
import { AccessNotice } from './AccessNotice.js';

export interface DocumentViewProps {
  session: CollabSession;
  status: CollabStatus;
  user: EditorUser;
  /** Read-only for this view whatever the token allows (a `read` token always is). */
  isReadOnly: boolean;
  toolbar?: ToolbarOption | undefined;
  /** Show comments (the app page does; embeds opt in). */
  hasComments?: boolean;
}

export function DocumentView({
  session,
  status,
  user,
  isReadOnly,
  toolbar,
  hasComments = false,
}: DocumentViewProps): JSX.Element {
  const comments = useCommentsOption(hasComments, session, status, user);
  if (status.problem === 'denied') {
    return (
      <div className="q-editor q-editor-stopped">
        <AccessNotice problem="denied" />
      </div>
    );
  }
  // Offline, with no copy on this device: say why the page stays empty rather than look broken.
  const isUnavailableOffline = !status.isLoaded && status.connection === 'offline' && status.problem === null;
  return (
    <>
      {status.problem !== null && <AccessNotice problem={status.problem} />}
      {isUnavailableOffline && <NotOnDevice />}
      <RichTextEditor
        docName={session.docName}
        doc={session.doc}
        provider={session.provider}
        user={user}
        isEditable={status.isLoaded && !isReadOnly && status.problem === null}
        isSelectable={status.isLoaded}
        toolbar={toolbar}
        images={session.images}
        comments={comments}
      />
    </>
  );
}

/** Who comments, and whether they may, when this view shows comments. */
function useCommentsOption(hasComments: boolean, session: CollabSession, status: CollabStatus, user: EditorUser) {
  return useMemo(
    () =>
      hasComments
        ? {
            author: commentAuthorOf(session.tokenInfo, user.name),
            canComment: canComment(session.tokenInfo) && status.problem === null,
          }
        : undefined,
    [hasComments, session.tokenInfo, user.name, status.problem],
  );
}

function NotOnDevice(): JSX.Element {
  return (
    <div className="q-notice q-notice-info" role="status" data-notice="not-on-device">
      <strong className="q-notice-title">This document is not on this device yet</strong>
      <span className="q-notice-hint">It opens as soon as the server can be reached.</span>
    </div>
  );
}
