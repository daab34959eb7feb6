import type { JSX } from 'react';
import type { Peer } from '../collab/presence.js';
/** Everyone in the document, you first; names collapse to avatars on narrow screens. */
export declare function PresenceList({ peers }: {
    peers: Peer[];
}): JSX.Element;
