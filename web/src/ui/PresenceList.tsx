import type { JSX } from 'react';
import type { Peer } from '../collab/presence.js';

function initials(name: string): string {
  const words = name.split(' ').filter((word) => word.length > 0);
  return words
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
}

/** Everyone in the document, you first; names collapse to avatars on narrow screens. */
export function PresenceList({ peers }: { peers: Peer[] }): JSX.Element {
  const others = peers.filter((peer) => !peer.isSelf).length;
  return (
    <ul
      className="q-presence"
      aria-label={others === 0 ? 'Only you are here' : `${others + 1} people in this document`}
    >
      {peers.map((peer) => (
        <li key={peer.clientId} className="q-presence-item" title={peer.isSelf ? `${peer.name} (you)` : peer.name}>
          <span className="q-avatar" style={{ backgroundColor: peer.color }} aria-hidden="true">
            {initials(peer.name)}
          </span>
          <span className="q-presence-name">
            {peer.name}
            {peer.isSelf && <span className="q-muted"> (you)</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
