// A y-websocket protocol client for the load generators: a real Y.Doc speaking sync
// step 1/2, updates and awareness over `ws`, plus Quire's durable acknowledgement
// (message 100, sent to `?ack=1` clients). Against the relay there is no server state, so
// the client does not wait for a sync step 2 and does not answer the step 1s of its peers
// (otherwise every client would answer every other one on each join).
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_ACK = 100;
const REMOTE = Symbol('remote');
const OPEN_TIMEOUT_MS = 60_000;

export const now = () => performance.timeOrigin + performance.now();

export class YClient {
  /**
   * @param {object} options
   * @param {string} options.wsUrl server base URL (ws://127.0.0.1:PORT)
   * @param {string} [options.httpUrl] server base URL (http://127.0.0.1:PORT), for HttpClient
   * @param {string} options.docName
   * @param {boolean} [options.isRelay] the server is the byte relay
   * @param {boolean} [options.wantsAck] connect with ?ack=1
   * @param {boolean} [options.appliesRemote] apply updates from others to the local doc
   * @param {object} [options.user] awareness state announced on connect
   * @param {(update: Uint8Array, receivedAt: number, client: YClient) => void} [options.onRemoteUpdate]
   */
  constructor(options) {
    this.options = { appliesRemote: true, ...options };
    this.doc = new Y.Doc();
    this.text = this.doc.getText('bench');
    this.ackClocks = new Map();
    this.isSynced = false;
    this.framesIn = 0;
    this.waiters = new Set();
    this.doc.on('update', (update, origin) => {
      if (origin !== REMOTE) this.sendUpdate(update);
    });
  }

  /** Opens the connection; resolves when synced (server sent step 2) or, on the relay, open. */
  open() {
    this.openedAt = now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`open timed out: ${this.options.docName}`)), OPEN_TIMEOUT_MS);
      const fail = (err) => {
        clearTimeout(timer);
        reject(err);
      };
      this.connect(this.options.wantsAck ? '?ack=1' : '', fail);
      this.waitFor(() => this.isSynced, OPEN_TIMEOUT_MS).then(() => {
        clearTimeout(timer);
        this.syncedAt = now();
        resolve();
      }, fail);
    });
  }

  /**
   * Opens the WebSocket. A subclass overrides this (with sendRaw, isOpen, isClosed, close,
   * destroy) to speak another transport; everything above the frames is shared.
   */
  connect(query, fail) {
    this.ws = new WebSocket(`${this.options.wsUrl}/${encodeURIComponent(this.options.docName)}${query}`, {
      perMessageDeflate: false,
    });
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('message', (data) => this.receive(data));
    this.ws.on('close', () => this.notify());
    this.ws.once('error', fail);
    this.ws.once('open', () => this.onTransportOpen());
  }

  /** The transport is up: start the sync handshake and announce presence. */
  onTransportOpen() {
    this.sendSyncStep1();
    this.sendAwareness();
    if (this.options.isRelay) {
      this.isSynced = true;
      this.notify();
    }
  }

  get isOpen() {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  get isClosed() {
    return this.ws?.readyState === WebSocket.CLOSED;
  }

  sendRaw(frame) {
    if (this.isOpen) this.ws.send(frame);
  }

  sendUpdate(update) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    this.sendRaw(encoding.toUint8Array(encoder));
  }

  /** Bytes waiting in the socket's send buffer. */
  get bufferedAmount() {
    return this.ws?.bufferedAmount ?? 0;
  }

  /** True once the server's durable state vector covers `clock` for `clientId`. */
  isAcked(clientId, clock) {
    return (this.ackClocks.get(clientId) ?? 0) >= clock;
  }

  /**
   * Resolves when `condition()` holds, checked after every frame; rejects after `timeoutMs`.
   * With `settleMs`, also resolves once the client is synced and no frame has arrived for
   * that long (the server has sent all it is going to).
   */
  waitFor(condition, timeoutMs, { settleMs } = {}) {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        clearInterval(settleCheck);
        reject(new Error(`timed out after ${timeoutMs} ms (${this.options.docName})`));
      }, timeoutMs);
      const settleCheck =
        settleMs === undefined
          ? undefined
          : setInterval(() => {
              const lastFrameAt = this.lastReceivedAt ?? this.syncedAt;
              if (this.isSynced && now() - lastFrameAt >= settleMs) waiter.resolve();
            }, 250);
      const waiter = {
        condition,
        resolve: () => {
          this.waiters.delete(waiter);
          clearTimeout(timer);
          clearInterval(settleCheck);
          resolve();
        },
        reject: (err) => {
          clearTimeout(timer);
          clearInterval(settleCheck);
          reject(err);
        },
      };
      this.waiters.add(waiter);
    });
  }

  close() {
    if (!this.ws) return Promise.resolve();
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.ws.terminate();
        resolve();
      }, 5000);
      this.ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.ws.close(1000);
    });
  }

  destroy() {
    this.ws?.terminate();
    this.doc.destroy();
  }

  sendSyncStep1() {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.sendRaw(encoding.toUint8Array(encoder));
  }

  sendAwareness() {
    if (!this.options.user) return;
    const awareness = new awarenessProtocol.Awareness(this.doc);
    awareness.setLocalState({ user: this.options.user });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [this.doc.clientID]));
    this.sendRaw(encoding.toUint8Array(encoder));
    awareness.destroy();
  }

  receive(data) {
    const receivedAt = now();
    this.lastReceivedAt = receivedAt;
    this.framesIn++;
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) this.receiveSync(decoder, receivedAt);
    else if (type === MESSAGE_ACK) this.receiveAck(decoder);
    this.notify();
  }

  receiveSync(decoder, receivedAt) {
    const step = decoding.readVarUint(decoder);
    if (step === syncProtocol.messageYjsSyncStep1) {
      if (this.options.isRelay) return;
      const stateVector = decoding.readVarUint8Array(decoder);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep2(encoder, this.doc, stateVector);
      this.sendRaw(encoding.toUint8Array(encoder));
      return;
    }
    const update = decoding.readVarUint8Array(decoder);
    if (step === syncProtocol.messageYjsSyncStep2) {
      Y.applyUpdate(this.doc, update, REMOTE);
      this.isSynced = true;
      return;
    }
    this.options.onRemoteUpdate?.(update, receivedAt, this);
    if (this.options.appliesRemote) Y.applyUpdate(this.doc, update, REMOTE);
  }

  receiveAck(decoder) {
    const stateVector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    for (const [client, clock] of stateVector) {
      if ((this.ackClocks.get(client) ?? 0) < clock) this.ackClocks.set(client, clock);
    }
  }

  notify() {
    for (const waiter of this.waiters) {
      if (waiter.condition()) {
        this.waiters.delete(waiter);
        waiter.resolve();
      } else if (this.isClosed) {
        this.waiters.delete(waiter);
        waiter.reject(new Error(`socket closed (${this.options.docName})`));
      }
    }
  }
}
