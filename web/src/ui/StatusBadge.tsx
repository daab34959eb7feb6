import type { JSX } from 'react';
import type { CollabStatus, ConnectionState } from '../collab/connection-status.js';

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

/** Connection and save state (issue 3). The data attributes let tests wait on them. */
export function StatusBadge({ status }: { status: CollabStatus }): JSX.Element {
  const saveLabel = status.isSaved ? 'Saved' : 'Unsaved changes';
  return (
    <div
      className={`q-status is-${status.connection}`}
      role="status"
      aria-live="polite"
      title={CONNECTION_HINTS[status.connection]}
      data-connection={status.connection}
      data-saved={status.isSaved ? 'saved' : 'unsaved'}
    >
      <span className="q-status-dot" aria-hidden="true" />
      <span className="q-status-connection">{CONNECTION_LABELS[status.connection]}</span>
      <span className="q-status-sep" aria-hidden="true">·</span>
      <span className="q-status-save">{saveLabel}</span>
    </div>
  );
}
