import type { ServerResponse } from 'node:http';
import { HTTP_MISSED_HEARTBEATS } from '@quire/shared';
import type { Transport } from './transport.js';
import { messageOf, type OutgoingFrame } from './shared-frame.js';
import { systemClock, type Clock, type Timer } from '../util/clock.js';

/**
 * The downstream half of the HTTP fallback (SPEC: When WebSockets are blocked): frames go
 * to the client as server-sent events (`event: frame`, base64 data); the client's frames
 * arrive as POSTs, each of which counts as a sign of life. Every `heartbeatMs` the server
 * sends `event: ping`; a client that has not posted for `HTTP_MISSED_HEARTBEATS` heartbeats is gone, and the
 * stream is ended so its presence is removed. A close is an `event: close` carrying the
 * same code a WebSocket would get.
 */

export class SseTransport implements Transport {
  readonly kind = 'http';
  private lastSeen: number;
  private readonly timer: Timer;

  constructor(
    private readonly res: ServerResponse,
    private readonly heartbeatMs: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.lastSeen = clock.now();
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    res.flushHeaders();
    this.timer = clock.setInterval(() => this.beat(), heartbeatMs);
    res.once('close', () => clock.clear(this.timer));
  }

  get isOpen(): boolean {
    return !this.res.writableEnded && !this.res.destroyed;
  }

  get bufferedBytes(): number {
    return this.res.writableLength;
  }

  /** Records a sign of life from the client (any POST). */
  touch(): void {
    this.lastSeen = this.clock.now();
  }

  event(name: string, data: string): void {
    if (this.isOpen) this.res.write(`event: ${name}\ndata: ${data}\n\n`);
  }

  send(frame: OutgoingFrame): void {
    const bytes = messageOf(frame);
    this.event('frame', Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'));
  }

  close(code: number, reason: string): void {
    this.event('close', JSON.stringify({ code, reason }));
    this.res.end();
  }

  terminate(): void {
    this.res.destroy();
  }

  /** Upstream frames arrive as POSTs, each bounded in size and answered after queueing. */
  pause(): void {}

  resume(): void {}

  /** Liveness is judged by the transport's own heartbeat, not the WebSocket ping loop. */
  ping(): boolean {
    return true;
  }

  private beat(): void {
    const now = this.clock.now();
    if (now - this.lastSeen > HTTP_MISSED_HEARTBEATS * this.heartbeatMs) {
      this.terminate();
      return;
    }
    this.event('ping', String(now));
  }
}
