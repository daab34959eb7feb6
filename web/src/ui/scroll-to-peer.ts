import type { Peer } from '../collab/presence.js';
import { REMOTE_CARET_CLASS, REMOTE_NAME_CLASS } from '../editor/theme.js';

/**
 * Brings `peer`'s caret into view, in the editor under `root` (one page may hold several
 * editors). The collaboration binding draws each remote caret with the peer's name and
 * colour; those identify it. Returns false when the peer has no caret in the document.
 */
export function scrollToPeer(peer: Peer, root: ParentNode): boolean {
  for (const caret of root.querySelectorAll<HTMLElement>(`.${REMOTE_CARET_CLASS}`)) {
    const name = caret.querySelector(`.${REMOTE_NAME_CLASS}`)?.textContent;
    if (name === peer.name && caret.style.getPropertyValue('--lexical-cursor-color') === peer.color) {
      caret.scrollIntoView({ block: 'center', behavior: 'smooth' });
      return true;
    }
  }
  return false;
}
