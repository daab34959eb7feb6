import type { JSX, MouseEvent } from 'react';
import type { Peer } from '../collab/presence.js';
import { scrollToPeer } from './scroll-to-peer.js';

function initials(name: string): string {
  const words = name.split(' ').filter((word) => word.length > 0);
  return words
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
}

function goToPeer(peer: Peer, event: MouseEvent<HTMLButtonElement>): void {
  scrollToPeer(peer, event.currentTarget.closest('.q-root') ?? document);
}

/**
 * Everyone in the document, you first; names collapse to avatars on narrow screens. Click
 * someone else to bring their cursor into view.
 */
export function PresenceList({ peers }: { peers: Peer[] }): JSX.Element {
  const others = peers.filter((peer) => !peer.isSelf).length;
  return (
    <ul
      className="q-presence"
      aria-label={others === 0 ? 'Only you are here' : `${others + 1} people in this document`}
    >
      {peers.map((peer) => (
        <li key={peer.clientId} className="q-presence-item" title={peer.isSelf ? `${peer.name} (you)` : peer.name}>
          {peer.isSelf ? (
            <PeerFace peer={peer} />
          ) : (
            <button
              type="button"
              className="q-presence-peer"
              aria-label={`${peer.name}, go to their cursor`}
              onClick={(event) => goToPeer(peer, event)}
            >
              <PeerFace peer={peer} />
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

function PeerFace({ peer }: { peer: Peer }): JSX.Element {
  return (
    <>
      {/* Initials drawn by CSS: decoration, and not text a button's name must contain. */}
      <span
        className="q-avatar"
        data-initials={initials(peer.name)}
        style={{ backgroundColor: peer.color }}
        aria-hidden="true"
      />
      <span className="q-presence-name">
        {peer.name}
        {peer.isSelf && <span className="q-muted"> (you)</span>}
      </span>
    </>
  );
}
