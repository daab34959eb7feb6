import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ObservableV2 } from 'lib0/observable';
import {
  CloseCode,
  HTTP_HEARTBEAT_MS,
  HTTP_MISSED_HEARTBEATS,
  MAX_FRAMES_PER_BATCH,
  MessageType,
  NO_SUCH_DOCUMENT,
} from '@quire/shared';
import type {
  HttpCloseEvent,
  HttpProviderEvents,
  HttpProviderOptions,
  HttpProviderStatus,
} from './http-provider-types.js';
import { readSse } from './sse-reader.js';

/**
 * Quire's HTTP transport client (SPEC: When WebSockets are blocked): the same y-protocols
 * messages as y-websocket, downstream as server-sent events and upstream as POSTed batches
 * of length-prefixed frames. It behaves like a WebsocketProvider (events `status`, `sync`,
 * `connection-close` once per ended attempt, `closed` for final close codes, plus `ack` for
 * message 100) so the editor can use either, on one shared Awareness (issue 9). It
 * reconnects with jittered exponential backoff, resyncs with state vectors (only what is
 * missing travels), posts a heartbeat when idle and treats a silent stream as dead.
 */
export type { HttpCloseEvent, HttpProviderOptions, HttpProviderStatus } from './http-provider-types.js';

/** What browsers report for a WebSocket that failed without a close frame. */
const ABNORMAL_CLOSURE = 1006;

const FINAL_CODES: readonly number[] = [CloseCode.TokenExpired, CloseCode.DocumentDeleted];

/**
 * The longest wait between attempts: y-websocket's. The editor moves here whenever the server
 * is unreachable for a second or two with WebSockets (transport-policy.ts), so a longer cap
 * (it was 30 s) kept a page showing "offline" for up to that long after its network or the
 * server came back (issue 19), where the WebSocket transport would have been back in 2.5 s.
 */
export const HTTP_MAX_BACKOFF_MS = 2_500;

export class HttpSyncProvider extends ObservableV2<HttpProviderEvents> {
  readonly awareness: awarenessProtocol.Awareness;
  status: HttpProviderStatus = 'disconnected';
  synced = false;
  shouldConnect = false;
  params: Record<string, string>;
  private session: string | undefined;
  private abort: AbortController | undefined;
  private outbox: Uint8Array[] = [];
  private isPosting = false;
  private failures = 0;
  private lastEventAt = 0;
  private readonly heartbeatMs: number;
  private readonly maxBackoffMs: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private readonly ownsAwareness: boolean;

  constructor(
    private readonly serverUrl: string,
    readonly docName: string,
    readonly doc: Y.Doc,
    options: HttpProviderOptions = {},
  ) {
    super();
    this.params = options.params ?? {};
    this.heartbeatMs = options.heartbeatMs ?? HTTP_HEARTBEAT_MS;
    this.maxBackoffMs = options.maxBackoffMs ?? HTTP_MAX_BACKOFF_MS;
    this.ownsAwareness = options.awareness === undefined;
    this.awareness = options.awareness ?? new awarenessProtocol.Awareness(doc);
    doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    if (options.connect !== false) this.connect();
  }

  connect(): void {
    if (this.shouldConnect) return;
    this.shouldConnect = true;
    this.timer = setInterval(() => this.tick(), this.heartbeatMs);
    void this.open();
  }

  disconnect(): void {
    this.shouldConnect = false;
    clearInterval(this.timer);
    clearTimeout(this.retry);
    const abort = this.abort;
    this.abort = undefined;
    if (abort === undefined) return;
    abort.abort();
    this.endAttempt(null);
  }

  override destroy(): void {
    this.disconnect();
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    if (this.ownsAwareness) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], 'destroy');
      this.awareness.destroy();
    }
    super.destroy();
  }

  private docUrl(suffix: string): string {
    const query = new URLSearchParams(this.params).toString();
    return `${this.serverUrl}/api/docs/${encodeURIComponent(this.docName)}/events${suffix}${query ? `?${query}` : ''}`;
  }

  private async open(): Promise<void> {
    this.setStatus('connecting');
    const abort = new AbortController();
    this.abort = abort;
    const closeEvent = await this.readStream(abort.signal);
    // disconnect() has already ended this attempt.
    if (this.abort !== abort) return;
    this.abort = undefined;
    this.endAttempt(closeEvent);
    this.scheduleReconnect(closeEvent);
  }

  /** Reads the stream until it ends; resolves to how it ended, null if we aborted it. */
  private async readStream(signal: AbortSignal): Promise<HttpCloseEvent | null> {
    let closeEvent: HttpCloseEvent | null = null;
    try {
      const res = await fetch(this.docUrl(''), { signal, headers: { Accept: 'text/event-stream' } });
      // A read-only token asking for a document that does not exist: as final as a 4404 close.
      // (A server without the HTTP transport answers 404 too, with another error.)
      const refusal = res.status === 404 ? ((await res.json().catch(() => ({}))) as { error?: string }) : {};
      if (refusal.error === NO_SUCH_DOCUMENT) return { code: CloseCode.DocumentDeleted, reason: NO_SUCH_DOCUMENT };
      if (!res.ok || !res.body) return { code: ABNORMAL_CLOSURE, reason: `HTTP ${res.status}` };
      this.lastEventAt = Date.now();
      await readSse(res.body, (event) => {
        this.lastEventAt = Date.now();
        if (event.event === 'session') this.startSession(event.data);
        else if (event.event === 'frame') this.receive(base64ToBytes(event.data));
        else if (event.event === 'close') closeEvent = JSON.parse(event.data) as HttpCloseEvent;
      });
    } catch {
      // Network errors end the stream like a socket closing without a close frame.
    }
    if (signal.aborted) return null;
    return closeEvent ?? { code: ABNORMAL_CLOSURE, reason: 'stream ended' };
  }

  private startSession(id: string): void {
    this.session = id;
    this.failures = 0;
    this.setStatus('connected');
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MessageType.Sync);
    syncProtocol.writeSyncStep1(step1, this.doc);
    this.outbox.unshift(encoding.toUint8Array(step1));
    if (this.awareness.getLocalState() !== null) {
      this.queue(MessageType.Awareness, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]));
    }
    void this.flush();
  }

  private receive(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.Sync) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MessageType.Sync);
      const step = syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
      if (encoding.length(reply) > 1) this.push(encoding.toUint8Array(reply));
      if (step === syncProtocol.messageYjsSyncStep2 && !this.synced) {
        this.synced = true;
        this.emit('sync', [true]);
      }
    } else if (type === MessageType.Awareness) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
    } else if (type === MessageType.Auth) {
      decoding.readVarUint(decoder);
      this.emit('permission-denied', [decoding.readVarString(decoder)]);
    } else if (type === MessageType.Ack) {
      this.emit('ack', [decoding.readVarUint8Array(decoder)]);
    }
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin !== this) this.queue(MessageType.Sync, update, true);
  };

  private readonly onAwarenessUpdate = (change: { added: number[]; updated: number[]; removed: number[] }): void => {
    const clients = [...change.added, ...change.updated, ...change.removed];
    this.queue(MessageType.Awareness, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
  };

  private queue(type: number, payload: Uint8Array, isUpdate = false): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, type);
    if (isUpdate) syncProtocol.writeUpdate(encoder, payload);
    else encoding.writeVarUint8Array(encoder, payload);
    this.push(encoding.toUint8Array(encoder));
  }

  private push(frame: Uint8Array): void {
    // Updates made while disconnected are not kept here: the resync after reconnecting
    // sends everything the server lacks, computed from its state vector.
    if (!this.session) return;
    this.outbox.push(frame);
    void this.flush();
  }

  private async flush(): Promise<void> {
    if (this.isPosting || !this.session) return;
    this.isPosting = true;
    try {
      while (this.session && this.outbox.length > 0) {
        // The server refuses (and ends the session for) a batch of more frames than this.
        const batch = this.outbox.splice(0, MAX_FRAMES_PER_BATCH);
        await this.post(batch);
      }
    } finally {
      this.isPosting = false;
    }
  }

  private async post(frames: Uint8Array[]): Promise<void> {
    const encoder = encoding.createEncoder();
    for (const frame of frames) encoding.writeVarUint8Array(encoder, frame);
    try {
      const res = await fetch(this.docUrl(`/${this.session}`), {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: encoding.toUint8Array(encoder),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    } catch {
      // The session is gone; the stream reconnects and the resync sends what is missing.
      this.abort?.abort();
    }
  }

  private tick(): void {
    if (!this.session) return;
    if (Date.now() - this.lastEventAt > HTTP_MISSED_HEARTBEATS * this.heartbeatMs) {
      this.abort?.abort();
      return;
    }
    if (!this.isPosting && this.outbox.length === 0) void this.post([]);
  }

  private endAttempt(event: HttpCloseEvent | null): void {
    this.session = undefined;
    this.outbox = [];
    if (this.synced) {
      this.synced = false;
      this.emit('sync', [false]);
    }
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    awarenessProtocol.removeAwarenessStates(this.awareness, others, this);
    this.emit('connection-close', [event]);
    this.setStatus('disconnected');
  }

  private scheduleReconnect(event: HttpCloseEvent | null): void {
    if (!this.shouldConnect) return;
    if (event && FINAL_CODES.includes(event.code)) {
      this.disconnect();
      this.emit('closed', [event]);
      return;
    }
    this.failures++;
    const ceiling = Math.min(this.maxBackoffMs, 100 * 2 ** this.failures);
    this.retry = setTimeout(() => void this.open(), ceiling / 2 + Math.random() * (ceiling / 2));
  }

  private setStatus(status: HttpProviderStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.emit('status', [{ status }]);
  }
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
