/**
 * Who is in the document, from awareness (SPEC: Web, presence list). Lexical's
 * collaboration plugin publishes `name` and `color` in each client's awareness state;
 * states vanish when a peer leaves, so the list never shows ghosts for long.
 */
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';

export interface Peer {
  clientId: number;
  name: string;
  color: string;
  isSelf: boolean;
}

function toPeer(clientId: number, state: Record<string, unknown>, selfId: number): Peer | null {
  const { name, color } = state;
  if (typeof name !== 'string' || typeof color !== 'string') return null;
  return { clientId, name, color, isSelf: clientId === selfId };
}

/** Peers sorted with yourself first, then by name, so the list does not jump around. */
export function readPeers(awareness: Awareness): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    const peer = toPeer(clientId, state, awareness.clientID);
    if (peer) peers.push(peer);
  }
  return peers.sort(
    (a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name) || a.clientId - b.clientId,
  );
}

export function usePeers(awareness: Awareness): Peer[] {
  const [peers, setPeers] = useState(() => readPeers(awareness));
  useEffect(() => {
    const refresh = (): void => setPeers(readPeers(awareness));
    refresh();
    awareness.on('change', refresh);
    return () => awareness.off('change', refresh);
  }, [awareness]);
  return peers;
}
