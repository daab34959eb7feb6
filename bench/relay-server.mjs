// The WebSocket relay under `relay.mjs` and `durable-relay.mjs`: every binary frame is
// forwarded to the other sockets on the same path, with no Yjs work and no checks.
// Without `afterReceive` a frame goes out at once; with it, `afterReceive(data, forward)`
// decides when (durable-relay.mjs: after a sync).
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

export function startRelay({ name, afterReceive }) {
  const host = process.env.HOST ?? '127.0.0.1';
  const port = Number(process.env.PORT ?? 0);

  /** @type {Map<string, Set<import('ws').WebSocket>>} */
  const socketsByPath = new Map();

  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, paths: socketsByPath.size }));
  });
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '/').split('?')[0];
    wss.handleUpgrade(req, socket, head, (ws) => join(ws, path));
  });

  function join(ws, path) {
    let peers = socketsByPath.get(path);
    if (!peers) {
      peers = new Set();
      socketsByPath.set(path, peers);
    }
    peers.add(ws);
    const broadcast = (data, isBinary) => {
      for (const peer of peers) if (peer !== ws) peer.send(data, { binary: isBinary });
    };
    ws.on(
      'message',
      afterReceive ? (data, isBinary) => afterReceive(data, () => broadcast(data, isBinary)) : broadcast,
    );
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      peers.delete(ws);
      if (peers.size === 0) socketsByPath.delete(path);
    });
  }

  server.listen(port, host, () => {
    const address = server.address();
    process.stdout.write(`${JSON.stringify({ msg: `${name} listening on http://${host}:${address.port}` })}\n`);
  });
  process.on('SIGTERM', () => process.exit(0));
}
