import type { Awareness } from 'y-protocols/awareness';
export interface Peer {
    clientId: number;
    name: string;
    color: string;
    isSelf: boolean;
}
/** Peers sorted with yourself first, then by name, so the list does not jump around. */
export declare function readPeers(awareness: Awareness): Peer[];
export declare function usePeers(awareness: Awareness): Peer[];
