import type { Logger } from 'pino';
import { CloseCode, type AccessLevel, type TokenClaims } from '@quire/shared';
import { TokenBucket } from './rate-limit.js';
import { frameTypeLabel, type Metrics } from '../observability/metrics.js';
import type { Transport } from '../transport/transport.js';
import { messageOf, type OutgoingFrame } from '../transport/shared-frame.js';
import type { Clock } from '../util/clock.js';

/**
 * One client connection, over a WebSocket or the HTTP fallback (SPEC: WebSocket). It owns
 * the send-buffer bound: a peer that does not read is closed with 1013 rather than growing
 * server memory, and nothing is ever skipped for a connection that stays open. Frames from
 * the client are handled strictly one at a time, in arrival order, on `inbox`.
 */
const CLOSE_GRACE_MS = 5_000;
/**
 * Frames a client may have waiting to be handled before its transport stops reading
 * (backpressure): a client streaming faster than the room can take keeps its excess in
 * TCP buffers, not in server memory. Reading resumes once the queue has drained to a
 * quarter of this.
 */
const MAX_QUEUED_FRAMES = 512;

export interface ConnectionOptions {
  docName: string;
  wantsAck: boolean;
  access: AccessLevel;
  user: TokenClaims | undefined;
  maxBufferedBytes: number;
  limits: { messagesPerSecond: number; bytesPerSecond: number; maxMessageBytes: number };
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
}

let nextConnId = 1;

export class Connection {
  readonly id = nextConnId++;
  readonly docName: string;
  readonly wantsAck: boolean;
  /** `read` connections see everything but their document updates are refused. */
  readonly access: AccessLevel;
  /** Who is connected (token or auth-service claims); undefined on an open server. */
  readonly user: TokenClaims | undefined;
  readonly logger: Logger;
  private wasDenied = false;
  private isClosed = false;
  /** The last task still running or waiting; undefined when every task has finished. */
  private inbox: Promise<void> | undefined;
  private queued = 0;
  private isPaused = false;
  private readonly maxBufferedBytes: number;
  private readonly messageBucket: TokenBucket;
  private readonly byteBucket: TokenBucket;
  private readonly metrics: Metrics;
  private readonly clock: Clock;

  constructor(
    private readonly transport: Transport,
    options: ConnectionOptions,
  ) {
    this.docName = options.docName;
    this.wantsAck = options.wantsAck;
    this.access = options.access;
    this.user = options.user;
    this.metrics = options.metrics;
    this.maxBufferedBytes = options.maxBufferedBytes;
    this.clock = options.clock;
    const { messagesPerSecond, bytesPerSecond, maxMessageBytes } = options.limits;
    this.messageBucket = new TokenBucket(messagesPerSecond, messagesPerSecond * 2, this.clock);
    this.byteBucket = new TokenBucket(bytesPerSecond, Math.max(bytesPerSecond * 2, maxMessageBytes), this.clock);
    this.logger = options.logger.child({
      conn: this.id,
      doc: options.docName,
      user: options.user?.sub,
      transport: transport.kind,
    });
    // A close by the peer does not cancel frames it sent before closing (its last edit must
    // still be applied); only a close by the server does. Sends stop either way (`isOpen`).
  }

  get isOpen(): boolean {
    return !this.isClosed && this.transport.isOpen;
  }

  /** True once a read-only client has been told its edits are refused (`markDenied`). */
  get hasBeenDenied(): boolean {
    return this.wasDenied;
  }

  markDenied(): void {
    this.wasDenied = true;
  }

  /** True once the server has closed or dropped this connection: later frames are ignored. */
  get hasClosed(): boolean {
    return this.isClosed;
  }

  /**
   * Runs `task` after every earlier task of this socket has finished: at once if none is
   * pending. A task handles its own errors; one that returns a promise holds the next back.
   */
  enqueue(task: () => Promise<void> | undefined): void {
    this.queued++;
    if (!this.isPaused && this.queued > MAX_QUEUED_FRAMES) {
      this.isPaused = true;
      this.transport.pause();
    }
    this.schedule(() => {
      const running = this.isClosed ? undefined : task();
      if (running !== undefined) return running.finally(() => this.dequeued());
      this.dequeued();
      return undefined;
    });
  }

  /** Runs `task` after every earlier task, even once the socket is closed (for cleanup). */
  enqueueCleanup(task: () => Promise<void>): void {
    this.schedule(task);
  }

  private schedule(task: () => Promise<void> | undefined): void {
    // Tasks catch their own errors; anything that still escapes closes this socket only.
    const run = (): Promise<void> | undefined => {
      try {
        return task()?.catch((err: unknown) => this.failTask(err));
      } catch (err) {
        this.failTask(err);
        return undefined;
      }
    };
    const running = this.inbox === undefined ? run() : this.inbox.then(run);
    if (running === undefined) return;
    this.inbox = running;
    void running.then(() => {
      if (this.inbox === running) this.inbox = undefined;
    });
  }

  private failTask(err: unknown): void {
    this.logger.error({ err, code: CloseCode.InternalError }, 'failed to handle frame');
    this.close(CloseCode.InternalError, 'internal error');
  }

  private dequeued(): void {
    this.queued--;
    if (this.isPaused && this.queued <= MAX_QUEUED_FRAMES / 4) {
      this.isPaused = false;
      this.transport.resume();
    }
  }

  /** Counts one incoming frame against the rate limits; false means over the limit. */
  withinRateLimits(bytes: number): boolean {
    return this.messageBucket.take(1) && this.byteBucket.take(bytes);
  }

  send(frame: OutgoingFrame): void {
    if (!this.isOpen) return;
    // Checked before adding: one frame larger than the bound (a big sync step 2) still goes.
    if (this.transport.bufferedBytes > this.maxBufferedBytes) {
      this.logger.warn({ code: CloseCode.SlowReader, bytes: this.transport.bufferedBytes }, 'slow reader');
      this.close(CloseCode.SlowReader, 'slow reader');
      return;
    }
    const message = messageOf(frame);
    this.metrics.countOut(frameTypeLabel(message), message.byteLength);
    this.transport.send(frame);
  }

  close(code: number, reason: string): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.metrics.closes.inc({ code: String(code) });
    this.transport.close(code, reason);
    // A peer that never reads never sees the close frame either; don't wait forever.
    this.clock.setTimeout(() => this.transport.terminate(), CLOSE_GRACE_MS);
  }

  /** Sends a heartbeat; drops the connection if the previous one went unanswered. */
  heartbeat(): void {
    if (this.isClosed || this.transport.ping()) return;
    this.logger.warn('missed heartbeat, dropping connection');
    this.isClosed = true;
    this.metrics.closes.inc({ code: 'missed-pong' });
    this.transport.terminate();
  }
}
