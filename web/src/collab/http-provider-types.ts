import type * as awarenessProtocol from 'y-protocols/awareness';

/** The events and options of the HTTP transport client (`http-provider.ts`). */
export type HttpProviderStatus = 'connecting' | 'connected' | 'disconnected';

/** Like a WebSocket CloseEvent; null when we ended the attempt ourselves. */
export interface HttpCloseEvent {
  code: number;
  reason: string;
}

export interface HttpProviderEvents {
  status(event: { status: HttpProviderStatus }): void;
  sync(isSynced: boolean): void;
  'connection-close'(event: HttpCloseEvent | null): void;
  closed(event: HttpCloseEvent): void;
  ack(stateVector: Uint8Array): void;
  'permission-denied'(reason: string): void;
}

export interface HttpProviderOptions {
  params?: Record<string, string>;
  /** Idle time after which the client posts an empty heartbeat. */
  heartbeatMs?: number;
  maxBackoffMs?: number;
  connect?: boolean;
  /**
   * Share an Awareness with another provider (the editor's WebSocket one), so presence
   * survives a change of transport. Its owner destroys it; by default we make our own.
   */
  awareness?: awarenessProtocol.Awareness;
}
