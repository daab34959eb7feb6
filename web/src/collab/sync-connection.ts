/**
 * A document's one connection to the server, over WebSocket or the HTTP transport (issue
 * 9; SPEC: When WebSockets are blocked). It drives the stock y-websocket provider and
 * HttpSyncProvider, which share the Y.Doc and the Awareness, and keeps exactly one of them
 * connected; transport-policy.ts decides which. Everything above it (the Lexical binding
 * through editor-provider.ts, the status and saved tracking, access-watch.ts) listens
 * here, so a switch looks like a reconnect and the binding and its undo stack stay.
 *
 * Events are WebsocketProvider's (`status`, `sync`, `connection-close`, `closed`) plus
 * `ack` (message 100) and `transport`, relayed from the active transport only. The way
 * back to WebSocket is a bare probe socket, never both providers at once: two live
 * providers echo each other's awareness removals to the server when one of them closes.
 */
import { MessageType } from '@quire/shared';
import * as decoding from 'lib0/decoding';
import { ObservableV2 } from 'lib0/observable';
import type { Awareness } from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import type { HttpCloseEvent, HttpSyncProvider } from './http-provider.js';
import {
  initialTransportState,
  nextTransportState,
  probeDelayMs,
  PROBE_TIMEOUT_MS,
  shouldProbe,
  type Transport,
  type TransportEvent,
  type TransportMode,
  type TransportState,
} from './transport-policy.js';
import { probeWebSocket } from './websocket-probe.js';

export interface SyncConnectionEvents {
  status(event: { status: 'connecting' | 'connected' | 'disconnected' }): void;
  sync(isSynced: boolean): void;
  /** Every ended attempt, as y-websocket reports it; null when we closed it ourselves. */
  'connection-close'(event: HttpCloseEvent | null): void;
  /** A final close code (4401, 4404): the transport has stopped reconnecting. */
  closed(event: HttpCloseEvent): void;
  ack(stateVector: Uint8Array): void;
  transport(transport: Transport): void;
}

const RELAYED = ['status', 'sync', 'connection-close', 'closed'] as const;

type Listener = (...args: unknown[]) => void;
interface Emitter {
  on(name: string, listener: Listener): void;
  off(name: string, listener: Listener): void;
}

const isBrowserOnline = (): boolean => typeof navigator === 'undefined' || navigator.onLine;

export class SyncConnection extends ObservableV2<SyncConnectionEvents> {
  readonly awareness: Awareness;
  shouldConnect = false;
  private state: TransportState;
  /** Set while we close a transport ourselves, so that close is not counted as a failure. */
  private isClosingLocally = false;
  private hasAttemptSynced = false;
  private probeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly stops: Array<() => void> = [];

  constructor(
    readonly websocket: WebsocketProvider,
    private readonly http: HttpSyncProvider,
    mode: TransportMode,
    private readonly probeDelay: () => number = probeDelayMs,
  ) {
    super();
    this.awareness = websocket.awareness;
    this.state = initialTransportState(mode);
    this.relayFrom('websocket', websocket as unknown as Emitter);
    this.relayFrom('http', http as unknown as Emitter);
    websocket.messageHandlers[MessageType.Ack] = (_encoder, decoder) => {
      const stateVector = decoding.readVarUint8Array(decoder);
      if (this.state.transport === 'websocket') this.emit('ack', [stateVector]);
    };
    const onHttpAck = (stateVector: Uint8Array): void => {
      if (this.state.transport === 'http') this.emit('ack', [stateVector]);
    };
    http.on('ack', onHttpAck);
    this.stops.push(() => http.off('ack', onHttpAck));
  }

  get transport(): Transport {
    return this.state.transport;
  }

  get isConnected(): boolean {
    return this.state.transport === 'http' ? this.http.status === 'connected' : this.websocket.wsconnected;
  }

  /** Updates applied by either transport came from the server, so they are on its disk. */
  isFromServer(origin: unknown): boolean {
    return origin === this.websocket || origin === this.http;
  }

  connect(): void {
    if (this.shouldConnect) return;
    this.shouldConnect = true;
    this.connectActive();
    this.scheduleProbe();
  }

  disconnect(): void {
    this.shouldConnect = false;
    clearTimeout(this.probeTimer);
    this.closeLocally(this.websocket);
    this.closeLocally(this.http);
  }

  /** A fresh attempt now, on the same transport, instead of waiting out a dead one. */
  restart(): void {
    if (!this.shouldConnect) return;
    this.disconnect();
    this.connect();
  }

  override destroy(): void {
    this.disconnect();
    for (const stop of this.stops) stop();
    this.websocket.destroy();
    this.http.destroy();
    super.destroy();
  }

  private relayFrom(from: Transport, source: Emitter): void {
    for (const name of RELAYED) {
      const relay: Listener = (...args) => {
        // Relayed before the policy may switch, so listeners see the event that caused it.
        if (from === this.state.transport) this.emit(name, args as never);
        if (from === this.state.transport && name === 'sync' && args[0] === true) this.reannouncePresence();
        if (from === 'websocket') this.observeWebsocket(name, args[0]);
      };
      source.on(name, relay);
      this.stops.push(() => source.off(name, relay));
    }
  }

  /**
   * When the previous connection (socket or HTTP session) closed, the server removed our
   * presence but kept its clock, and y-protocols ignores a state re-sent with that same
   * clock: others would not see us until the 15 s renewal. A fresh clock fixes that.
   */
  private reannouncePresence(): void {
    const state = this.awareness.getLocalState();
    if (state !== null) this.awareness.setLocalState(state);
  }

  private observeWebsocket(name: (typeof RELAYED)[number], arg: unknown): void {
    if (name === 'status' && (arg as { status: string }).status === 'connecting') {
      this.hasAttemptSynced = false;
    } else if (name === 'sync' && arg === true) {
      this.hasAttemptSynced = true;
      this.apply({ kind: 'synced' });
    } else if (name === 'connection-close' && !this.isClosingLocally && !this.hasAttemptSynced) {
      this.apply({ kind: 'attempt-failed', isBrowserOnline: isBrowserOnline() });
    }
  }

  private apply(event: TransportEvent): void {
    const previous = this.state.transport;
    this.state = nextTransportState(this.state, event);
    if (this.state.transport === previous) return;
    this.closeLocally(previous === 'http' ? this.http : this.websocket);
    this.emit('transport', [this.state.transport]);
    if (!this.shouldConnect) return;
    this.connectActive();
    this.scheduleProbe();
  }

  private connectActive(): void {
    if (this.state.transport === 'http') {
      this.http.connect();
      return;
    }
    try {
      this.websocket.connect();
    } catch {
      // Locked-down browsers and some extensions refuse to construct a WebSocket at all.
      this.closeLocally(this.websocket);
      this.apply({ kind: 'constructor-threw' });
    }
  }

  private closeLocally(provider: { disconnect(): void }): void {
    this.isClosingLocally = true;
    try {
      provider.disconnect();
    } finally {
      this.isClosingLocally = false;
    }
  }

  private scheduleProbe(): void {
    clearTimeout(this.probeTimer);
    if (!this.shouldConnect || !shouldProbe(this.state)) return;
    this.probeTimer = setTimeout(() => void this.probe(), this.probeDelay());
  }

  private async probe(): Promise<void> {
    const isUsable = await probeWebSocket(this.websocket.url, PROBE_TIMEOUT_MS, this.websocket._WS);
    if (!this.shouldConnect || !shouldProbe(this.state)) return;
    if (isUsable) this.apply({ kind: 'probe-succeeded' });
    else this.scheduleProbe();
  }
}
