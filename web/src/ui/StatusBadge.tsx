import type { JSX } from 'react';
import type { AccessProblem, CollabStatus, ConnectionState } from '../collab/connection-status.js';

const CONNECTION_LABELS: Record<ConnectionState, string> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  offline: 'Offline',
};

const CONNECTION_HINTS: Record<ConnectionState, string> = {
  connected: 'Changes are shared live with everyone in this document.',
  connecting: 'Reaching the server. You can keep writing.',
  offline: 'Your changes are kept on this device and sent when the connection is back.',
};

const PROBLEM_LABELS: Record<AccessProblem, string> = {
  expired: 'Access expired',
  deleted: 'Deleted',
  missing: 'Not found',
  denied: 'No access',
  refused: 'Changes refused',
};

const HTTP_FALLBACK_HINT =
  'WebSockets are blocked on this network, so changes travel over plain HTTP: a little slower, ' +
  'otherwise the same. The editor switches back by itself when it can.';

/**
 * Connection and save state (issue 3), "View only" for read access, the reason a
 * session stopped (issue 5) and the HTTP fallback (issue 9). The data attributes let
 * tests wait on them.
 */
export function StatusBadge({
  status,
  isReadOnly = false,
}: {
  status: CollabStatus;
  isReadOnly?: boolean;
}): JSX.Element {
  return (
    <div className="q-status-group">
      <ConnectionStatus status={status} isReadOnly={isReadOnly} />
      {status.transport === 'http' && status.problem === null && (
        <span className="q-transport" title={HTTP_FALLBACK_HINT}>
          HTTP fallback
        </span>
      )}
      {isReadOnly && (
        <span className="q-view-only" title="You can read this document and see who is here, but not edit it.">
          View only
        </span>
      )}
    </div>
  );
}

function ConnectionStatus({ status, isReadOnly }: { status: CollabStatus; isReadOnly: boolean }): JSX.Element {
  const saveLabel = status.isSaved ? 'Saved' : 'Unsaved changes';
  const connectionLabel = status.problem ? PROBLEM_LABELS[status.problem] : CONNECTION_LABELS[status.connection];
  return (
    <div
      className={`q-status is-${status.problem ? 'offline' : status.connection}`}
      role="status"
      aria-live="polite"
      title={CONNECTION_HINTS[status.connection]}
      data-connection={status.connection}
      data-saved={status.isSaved ? 'saved' : 'unsaved'}
      data-problem={status.problem ?? undefined}
      data-transport={status.transport}
    >
      <span className="q-status-dot" aria-hidden="true" />
      <span className="q-status-connection">{connectionLabel}</span>
      {!isReadOnly && status.problem === null && (
        <>
          <span className="q-status-sep" aria-hidden="true">
            ·
          </span>
          <span className="q-status-save">{saveLabel}</span>
        </>
      )}
    </div>
  );
}
