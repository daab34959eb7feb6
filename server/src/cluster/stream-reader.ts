import * as Y from 'yjs';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DeleteSet } from '../storage/fanout.js';
import { fieldOf } from './redis-keys.js';

/**
 * Follows the update streams of every document loaded on this instance with one blocking
 * XREAD on a dedicated connection (SPEC: Cluster mode). Entries written by this instance
 * are skipped (they were applied when made). When the set of documents changes, the
 * blocked read is interrupted with CLIENT UNBLOCK so a newly loaded document is followed
 * at once, from the position its load stopped at: no entry is missed in between. An
 * unloaded document's stream is let go at once too: otherwise the blocked read would keep
 * naming it in Redis (its arguments and blocking-key entries) for up to BLOCK_MS after
 * the document left Redis.
 */
export interface StreamSubscription {
  docName: string;
  position: string;
  /**
   * Every entry read; `update` is undefined for this instance's own entries.
   * `relayedDeletions`: the deletions of `update` its instance relayed, when not all.
   */
  onEntry(id: string, update: Uint8Array | undefined, relayedDeletions?: DeleteSet): void;
}

type XReadReply = [Buffer, [Buffer, Buffer[]][]][] | null;

const BLOCK_MS = 10_000;
const RETRY_MS = 500;

export class StreamReader {
  private readonly subs = new Map<string, StreamSubscription>();
  private isRunning = true;
  private isBlocked = false;
  private readerId: number | undefined;
  private wake: (() => void) | undefined;
  private readonly loop: Promise<void>;

  constructor(
    private readonly reader: Redis,
    private readonly control: Redis,
    private readonly instanceId: string,
    private readonly logger: Logger,
  ) {
    reader.on('ready', () => {
      this.readerId = undefined;
    });
    this.loop = this.run();
  }

  add(streamKey: string, subscription: StreamSubscription): void {
    this.subs.set(streamKey, subscription);
    this.interrupt();
  }

  remove(streamKey: string): void {
    if (this.subs.delete(streamKey)) this.interrupt();
  }

  async stop(): Promise<void> {
    this.isRunning = false;
    this.interrupt();
    await this.loop;
  }

  private interrupt(): void {
    this.wake?.();
    if (this.isBlocked && this.readerId !== undefined) {
      this.control.client('UNBLOCK', this.readerId).catch(() => undefined);
    }
  }

  private async run(): Promise<void> {
    while (this.isRunning) {
      if (this.subs.size === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      try {
        this.readerId ??= (await this.reader.client('ID')) as number;
        this.deliver(await this.readOnce());
      } catch (err) {
        if (!this.isRunning) return;
        this.logger.warn({ err }, 'stream read failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  private async readOnce(): Promise<XReadReply> {
    const keys = [...this.subs.keys()];
    const positions = keys.map((key) => this.subs.get(key)?.position ?? '$');
    this.isBlocked = true;
    try {
      return (await this.reader.xreadBuffer('BLOCK', BLOCK_MS, 'STREAMS', ...keys, ...positions)) as XReadReply;
    } finally {
      this.isBlocked = false;
    }
  }

  private deliver(reply: XReadReply): void {
    for (const [key, entries] of reply ?? []) {
      const sub = this.subs.get(key.toString());
      if (!sub) continue;
      for (const [rawId, fields] of entries) {
        const id = rawId.toString();
        sub.position = id;
        const update = fieldOf(fields, 'u');
        const sender = fieldOf(fields, 'i');
        const isOwn = sender !== undefined && new TextDecoder().decode(sender) === this.instanceId;
        const remote = update && !isOwn ? update : undefined;
        sub.onEntry(id, remote, remote && this.relayedDeletionsOf(fields, sub.docName, id));
      }
    }
  }

  /**
   * An entry's `d` field (issue #19), checked like every message read from Redis: one that
   * does not decode to deletions alone is logged and ignored, and the update relayed whole.
   * It can only narrow what is relayed: the room keeps the deletions both list.
   */
  private relayedDeletionsOf(fields: Buffer[], docName: string, id: string): DeleteSet | undefined {
    const bytes = fieldOf(fields, 'd');
    if (bytes === undefined) return undefined;
    const deletions = decodeDeletions(bytes);
    if (deletions === undefined) {
      this.logger.warn({ doc: docName, entry: id }, 'undecodable relayed deletions in a stream entry; relayed whole');
    }
    return deletions;
  }
}

/** The delete set of an update without structs; undefined for anything else. */
function decodeDeletions(bytes: Uint8Array): DeleteSet | undefined {
  try {
    const { structs, ds } = Y.decodeUpdate(bytes);
    return structs.length === 0 ? ds : undefined;
  } catch {
    return undefined;
  }
}
