/**
 * The connection-status model shown in the editor header (issue 3). y-websocket reports
 * raw socket events; people care about three states. A lost connection stays "offline"
 * through the provider's reconnect attempts (which report "connecting" every few
 * seconds) until a connection has synced again, so the badge does not flicker.
 */
export type ConnectionState = 'connecting' | 'connected' | 'offline';
export type ConnectionEvent = {
    kind: 'socket';
    status: 'connecting' | 'connected' | 'disconnected';
} | {
    kind: 'synced';
    isSynced: boolean;
} | {
    kind: 'browser-offline';
};
export interface CollabStatus {
    connection: ConnectionState;
    /** Every local change is durably stored on the server. */
    isSaved: boolean;
    /**
     * The document's content is here (from the server or this device's copy). Until then
     * the editor is read-only: typing into an empty editor would create a paragraph
     * beside the one the server seeded.
     */
    isLoaded: boolean;
}
export declare const INITIAL_STATUS: CollabStatus;
export declare function nextConnectionState(prev: ConnectionState, event: ConnectionEvent): ConnectionState;
/** A tiny observable for useSyncExternalStore: snapshots are replaced, never mutated. */
export declare class StatusStore {
    private status;
    private readonly listeners;
    getSnapshot: () => CollabStatus;
    subscribe: (listener: () => void) => (() => void);
    update(patch: Partial<CollabStatus>): void;
}
