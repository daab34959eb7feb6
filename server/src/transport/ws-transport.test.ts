import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import * as wsModule from 'ws';
import WebSocket, { WebSocketServer } from 'ws';
import { frameBinaryMessage, SharedFrame } from './shared-frame.js';
import { WsTransport } from './ws-transport.js';

/** `ws`'s own framing of one unmasked binary message, to compare ours with. */
const wsSender = (wsModule as unknown as { Sender: { frame(data: Buffer, options: object): Buffer[] } }).Sender;

function framedByWs(payload: Buffer): Buffer {
  const options = { fin: true, opcode: 2, mask: false, readOnly: false, rsv1: false };
  return Buffer.concat(wsSender.frame(payload, options));
}

interface Peer {
  transport: WsTransport;
  received: Buffer[];
  client: WebSocket;
  closed: Promise<number>;
}

let server: Server | undefined;
const clients: WebSocket[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A WebSocket server handing out transports exactly as the upgrade handler builds them. */
async function serve(): Promise<() => Promise<Peer>> {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const accepted: WsTransport[] = [];
  server = createServer();
  server.on('upgrade', (req, socket: Duplex, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => accepted.push(new WsTransport(ws, socket))),
  );
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return async () => {
    const client = new WebSocket(`ws://127.0.0.1:${port}/`, { perMessageDeflate: false });
    clients.push(client);
    const received: Buffer[] = [];
    client.on('message', (data: Buffer) => received.push(data));
    client.on('error', () => undefined);
    const closed = new Promise<number>((resolve) => client.once('close', (code) => resolve(code)));
    await new Promise((resolve) => client.once('open', resolve));
    while (accepted.length === 0) await new Promise((resolve) => setImmediate(resolve));
    return { transport: accepted.shift()!, received, client, closed };
  };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; !condition(); i++) {
    if (i > 2000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('frames shared by many sockets (RFC 6455 framing)', () => {
  it('are framed byte for byte as ws frames an unmasked binary message, at every length boundary', () => {
    for (const length of [0, 1, 125, 126, 127, 65_535, 65_536, 70_000]) {
      const payload = Buffer.alloc(length, length % 251);
      expect(frameBinaryMessage(new Uint8Array(payload)).equals(framedByWs(payload))).toBe(true);
    }
  });

  it('reach every socket intact, in order with the frames ws sends itself', async () => {
    const connect = await serve();
    const peers = [await connect(), await connect(), await connect()];
    const big = new Uint8Array(70_000).fill(9);
    const shared = [new SharedFrame(Uint8Array.of(0, 2, 1)), new SharedFrame(big)];
    for (const { transport } of peers) {
      transport.send(Uint8Array.of(1, 1));
      transport.send(shared[0]!);
      transport.ping();
      transport.send(shared[1]!);
      transport.send(Uint8Array.of(1, 2));
    }
    await until(() => peers.every((peer) => peer.received.length === 4));
    for (const { received } of peers) {
      expect(received.map((frame) => frame.byteLength)).toEqual([2, 3, 70_000, 2]);
      expect([...received[1]!]).toEqual([0, 2, 1]);
      expect(received[2]!.equals(Buffer.from(big))).toBe(true);
      expect([...received[3]!]).toEqual([1, 2]);
    }
  });

  it('a socket that is gone or closing is skipped, and the others still get the frame', async () => {
    const connect = await serve();
    const [gone, closing, live] = [await connect(), await connect(), await connect()];
    gone.client.terminate();
    await until(() => !gone.transport.isOpen);
    closing.transport.close(1000, 'bye');
    const frame = new SharedFrame(Uint8Array.of(0, 2, 7));
    for (const { transport } of [gone, closing, live]) transport.send(frame);
    await until(() => live.received.length === 1);
    expect([...live.received[0]!]).toEqual([0, 2, 7]);
    // The closing peer gets its close frame cleanly: nothing was written after it.
    expect(await closing.closed).toBe(1000);
    expect(closing.received).toEqual([]);
  });

  it('bytes written but not yet sent count towards the slow-reader bound', async () => {
    const connect = await serve();
    const peer = await connect();
    peer.client.pause();
    const frame = new SharedFrame(new Uint8Array(256 * 1024));
    for (let i = 0; i < 64; i++) peer.transport.send(frame);
    expect(peer.transport.bufferedBytes).toBeGreaterThan(1024 * 1024);
    peer.client.resume();
    await until(() => peer.received.length === 64);
  });
});
