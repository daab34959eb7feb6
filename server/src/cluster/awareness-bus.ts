import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CONTROL_CHANNEL } from './redis-keys.js';

/**
 * Presence and control messages between instances over Redis pub/sub (SPEC: Cluster
 * mode). Awareness is ephemeral and renewed by clients every 15 s, so pub/sub's
 * at-most-once delivery is enough; document updates never travel this way (they use the
 * durable streams). Messages carry the sender's instance id so nobody hears its own.
 */
export class AwarenessBus {
  private readonly awarenessHandlers = new Map<string, (update: Uint8Array) => void>();
  private readonly deletedHandlers = new Map<string, () => void>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly instanceId: string,
    private readonly logger: Logger,
  ) {
    subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message));
    void this.subscribe(CONTROL_CHANNEL);
  }

  /** Resolves once Redis has confirmed the subscription (or it failed and was logged). */
  follow(
    channel: string,
    docName: string,
    onAwareness: (update: Uint8Array) => void,
    onDeleted: () => void,
  ): Promise<void> {
    this.awarenessHandlers.set(channel, onAwareness);
    this.deletedHandlers.set(docName, onDeleted);
    return this.subscribe(channel);
  }

  unfollow(channel: string, docName: string): void {
    this.awarenessHandlers.delete(channel);
    this.deletedHandlers.delete(docName);
    this.subscriber.unsubscribe(channel).catch(() => undefined);
  }

  publishAwareness(channel: string, update: Uint8Array): void {
    this.publish(channel, update);
  }

  async publishDeleted(docName: string): Promise<void> {
    await this.publisher.publish(CONTROL_CHANNEL, this.encode(new TextEncoder().encode(docName)));
  }

  private subscribe(channel: string): Promise<void> {
    return this.subscriber.subscribe(channel).then(
      () => undefined,
      (err: unknown) => {
        this.logger.warn({ err }, 'redis subscribe failed; it resumes on reconnect');
      },
    );
  }

  private publish(channel: string, payload: Uint8Array): void {
    this.publisher.publish(channel, this.encode(payload)).catch((err: unknown) => {
      this.logger.warn({ err }, 'redis publish failed');
    });
  }

  private encode(payload: Uint8Array): Buffer {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.instanceId);
    encoding.writeVarUint8Array(encoder, payload);
    return Buffer.from(encoding.toUint8Array(encoder));
  }

  private receive(channel: string, message: Buffer): void {
    let sender: string;
    let payload: Uint8Array;
    try {
      const decoder = decoding.createDecoder(new Uint8Array(message));
      sender = decoding.readVarString(decoder);
      payload = decoding.readVarUint8Array(decoder);
    } catch {
      this.logger.warn({ channel }, 'undecodable pub/sub message');
      return;
    }
    if (sender === this.instanceId) return;
    if (channel === CONTROL_CHANNEL) this.deletedHandlers.get(new TextDecoder().decode(payload))?.();
    else this.awarenessHandlers.get(channel)?.(payload);
  }
}
