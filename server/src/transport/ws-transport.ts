import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Transport } from './transport.js';
import { SharedFrame, type OutgoingFrame } from './shared-frame.js';

/**
 * A WebSocket as a transport: ping/pong heartbeats, close codes on the wire. A frame shared
 * by many sockets (`SharedFrame`) is written to the socket under the WebSocket as it was
 * framed once for all of them. That is only done while `ws` would write a frame straight
 * through too: no extension negotiated (permessage-deflate is off, so `ws` never holds
 * frames back in a queue of its own) and the WebSocket open (no write after its close
 * frame). Everything else, and every frame without `socket`, goes through `ws.send`; both
 * ways write whole frames in call order, so frames never interleave or overtake.
 */
export class WsTransport implements Transport {
  readonly kind = 'websocket';
  private hasAnsweredPing = true;
  private readonly socket: Duplex | undefined;

  /** `socket`: the socket the WebSocket was upgraded on (`handleUpgrade`), for shared frames. */
  constructor(
    private readonly ws: WebSocket,
    socket?: Duplex,
  ) {
    this.socket = ws.extensions === '' ? socket : undefined;
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

  send(frame: OutgoingFrame): void {
    if (!(frame instanceof SharedFrame)) {
      this.ws.send(frame);
    } else if (this.socket !== undefined && this.isOpen) {
      this.socket.write(frame.webSocketBytes);
    } else {
      this.ws.send(frame.bytes);
    }
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
