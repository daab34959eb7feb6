import type { OutgoingFrame } from './shared-frame.js';

/**
 * What a connection needs from the wire under it (SPEC: WebSocket; When WebSockets are
 * blocked). A WebSocket and the HTTP fallback (server-sent events down, POST up) both
 * carry the same y-protocols frames, so rooms and connections never know which is used.
 */
export interface Transport {
  readonly kind: 'websocket' | 'http';
  readonly isOpen: boolean;
  /** Bytes queued for the peer and not yet handed to the network. */
  readonly bufferedBytes: number;
  /** Sends one frame; a `SharedFrame` may be handed to many transports in a row. */
  send(frame: OutgoingFrame): void;
  /** Tells the peer why, then ends the transport. */
  close(code: number, reason: string): void;
  /** Ends it at once, without telling the peer. */
  terminate(): void;
  /** Sends a heartbeat; false when the previous one went unanswered (the peer is gone). */
  ping(): boolean;
  /** Stops reading from the peer (backpressure) until `resume()`; a no-op where reads are requests. */
  pause(): void;
  resume(): void;
}
