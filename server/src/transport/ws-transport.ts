import type { WebSocket } from 'ws';
import type { Transport } from './transport.js';

/** A WebSocket as a transport: ping/pong heartbeats, close codes on the wire. */
export class WsTransport implements Transport {
  readonly kind = 'websocket';
  private hasAnsweredPing = true;

  constructor(private readonly ws: WebSocket) {
    ws.on('pong', () => {
      this.hasAnsweredPing = true;
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  get bufferedBytes(): number {
    return this.ws.bufferedAmount;
  }

  send(frame: Uint8Array): void {
    this.ws.send(frame);
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  terminate(): void {
    this.ws.terminate();
  }

  pause(): void {
    this.ws.pause();
  }

  resume(): void {
    this.ws.resume();
  }

  ping(): boolean {
    if (!this.hasAnsweredPing) return false;
    this.hasAnsweredPing = false;
    this.ws.ping();
    return true;
  }
}
