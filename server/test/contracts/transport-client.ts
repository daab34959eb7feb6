import WebSocket from 'ws';

/**
 * A raw transport client for contract and abuse tests (SPEC: WebSocket; When WebSockets
 * are blocked): it sends hand-made y-protocols frames and records what comes back, and
 * knows nothing of Yjs. One implementation per transport the server speaks; a third
 * transport plugs into the same suites by implementing `TransportClient`.
 */
export interface RawConnection {
  /** Resolves once the server has accepted the connection; rejects with `HTTP <status>` when it refused it. */
  opened: Promise<void>;
  /** Every frame received so far, in arrival order. */
  frames: Uint8Array[];
  /** Sends one binary frame; frames are handed to the server in the order they were sent. */
  send(frame: Uint8Array): void;
  /** Sends a text frame: only on transports that can carry one (`textFrames` trait). */
  sendText?(text: string): void;
  /**
   * How the connection ended: the server's close code and reason, 1006 when it was cut
   * without one, 1005 when this side closed it.
   */
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
  /** Stops reading what the server sends (a slow reader), until `resumeReading`. */
  pauseReading(): void;
  resumeReading(): void;
}

export interface TransportClient {
  /** Opens one connection to `docName`; `params` go into the query string (`token`, `ack`). */
  connect(docName: string, params?: Record<string, string>): RawConnection;
}

/** Where a test server listens. */
export interface ServerAddress {
  url: string;
  wsUrl: string;
}

export type MakeTransportClient = (server: ServerAddress) => TransportClient;

/** What a transport can carry beyond binary frames: `textFrames`, WebSocket text frames. */
export interface TransportTraits {
  textFrames: boolean;
}

export const ABNORMAL_CLOSURE = 1006;
export const NO_STATUS = 1005;

export function queryOf(params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  return query ? `?${query}` : '';
}

/** A bare `ws` socket to `${wsUrl}/${docName}`. */
export const webSocketClient: MakeTransportClient = ({ wsUrl }) => ({
  connect(docName, params = {}) {
    const ws = new WebSocket(`${wsUrl}/${docName}${queryOf(params)}`);
    const frames: Uint8Array[] = [];
    ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
    ws.on('error', () => undefined);
    const opened = new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => {
        res.resume();
        reject(new Error(`HTTP ${res.statusCode}`));
        ws.terminate();
      });
    });
    opened.catch(() => undefined);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })),
    );
    // The TCP socket itself, so that not reading leaves bytes queued on the server.
    const tcp = (): { pause(): void; resume(): void } =>
      (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    return {
      opened,
      frames,
      closed,
      send: (frame) => ws.send(frame, () => undefined),
      sendText: (text) => ws.send(text, () => undefined),
      close: () => ws.close(),
      pauseReading: () => tcp().pause(),
      resumeReading: () => tcp().resume(),
    };
  },
});
