import type * as Y from 'yjs';

/**
 * How a room hears about changes made on other server instances (SPEC: Cluster mode;
 * STYLE §1). On a single node there are none; in cluster mode Redis delivers other
 * instances' updates (already durable there) and awareness. A room treats both the same
 * way, so it never knows whether a peer is local or remote. The interface lives here, beside
 * `DocStore`, because rooms use it and cluster/ implements it: both import it downwards.
 */
export const REMOTE_ORIGIN = Symbol('remote instance');

/** Deletions of a Yjs update, as Yjs decodes them. */
export type DeleteSet = Y.Transaction['deleteSet'];

export interface FanoutHandlers {
  /**
   * An update another instance made durable. `relayedDeletions`: when that instance relayed
   * it with only some of its deletions (issue #19), those, so this one relays the same.
   */
  update(update: Uint8Array, relayedDeletions?: DeleteSet): void;
  /** An awareness update from a client of another instance. */
  awareness(update: Uint8Array): void;
  /** Another instance deleted the document. */
  deleted(): void;
}

export interface FanoutChannel {
  /** Resolves once remote presence is being received (presence sent earlier is lost). */
  listening: Promise<void>;
  publishAwareness(update: Uint8Array): void;
  close(): void;
}

export interface Fanout {
  /** Starts delivering remote changes of `docName`, from where its last load stopped. */
  open(docName: string, handlers: FanoutHandlers): FanoutChannel;
  /** Tells the other instances that `docName` was deleted. */
  publishDeleted(docName: string): Promise<void>;
}

const NOTHING = (): void => undefined;

export const LOCAL_FANOUT: Fanout = {
  open: () => ({ listening: Promise.resolve(), publishAwareness: NOTHING, close: NOTHING }),
  publishDeleted: () => Promise.resolve(),
};
