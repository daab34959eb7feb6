import type * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';
import { CloseCode } from '@quire/shared';
import { ProtocolError } from '../errors.js';
import { decodeAwarenessUpdate, type AwarenessEntry } from '../protocol/decode.js';
import { encodeAwareness } from '../protocol/encode.js';
import type { Connection } from './connection.js';
import { REMOTE_ORIGIN } from '../storage/fanout.js';
import { SharedFrame } from '../transport/shared-frame.js';

/**
 * A document's presence (awareness) and who may write which part of it (SPEC: WebSocket,
 * awareness; issue #18). A client id belongs to the connection that announced it first (or
 * to "another instance" for ids first heard of over the cluster channel) until its state is
 * removed: when that connection leaves, sends null, or stops renewing it. Entries for ids
 * somebody else owns are dropped before applying, because stock clients echo everyone's
 * presence back; a connection announcing more than `MAX_PRESENCE_IDS_PER_CONN` ids is
 * refused with 1008. Everyone's presence is encoded once per change, and the answer to a
 * query for it counts against the asker's byte rate limit as if the asker had sent it, so a
 * one-byte query never buys more than the asker could have sent itself.
 */
export const MAX_PRESENCE_IDS_PER_CONN = 4;

/** Stands for the server's own awareness id: nobody may write presence under it. */
const SERVER_OWNER = Symbol('server');

type Owner = Connection | typeof REMOTE_ORIGIN | typeof SERVER_OWNER;

export interface PresenceDeps {
  doc: Y.Doc;
  /** The room's connections, to relay changes to. */
  conns: ReadonlySet<Connection>;
  /** Sends a change made here to the other instances. */
  publish(update: Uint8Array): void;
  logger: Logger;
}

export class RoomPresence {
  private readonly awareness: awarenessProtocol.Awareness;
  private readonly owners = new Map<number, Owner>();
  private readonly held = new Map<Connection, Set<number>>();
  /** Everyone's presence as one frame, until it changes. */
  private everyoneFrame: Uint8Array | undefined;

  constructor(private readonly deps: PresenceDeps) {
    this.awareness = new awarenessProtocol.Awareness(deps.doc);
    this.awareness.setLocalState(null);
    this.owners.set(this.awareness.clientID, SERVER_OWNER);
    this.awareness.on('update', this.onUpdate);
  }

  /** Sends `conn` everyone's presence, if anyone is present. */
  greet(conn: Connection): void {
    if (this.awareness.getStates().size > 0) conn.send(this.encodeEveryone());
  }

  /** A query-awareness, answered with everyone's presence within `conn`'s rate limits. */
  answerQuery(conn: Connection): void {
    const frame = this.encodeEveryone();
    if (!conn.withinRateLimits(frame.byteLength)) {
      throw new ProtocolError(CloseCode.RateLimited, 'presence queries over the rate limit');
    }
    conn.send(frame);
  }

  /** Applies the entries of a client's awareness frame that are `conn`'s to write. */
  apply(conn: Connection, update: Uint8Array, entries: AwarenessEntry[]): void {
    const kept = this.entriesOwnedBy(conn, entries);
    if (kept.length === 0) return;
    const claimed = new Set(kept.filter((entry) => !this.owners.has(entry.clientId)).map((entry) => entry.clientId));
    const held = this.held.get(conn) ?? new Set<number>();
    if (held.size + claimed.size > MAX_PRESENCE_IDS_PER_CONN) {
      throw new ProtocolError(
        CloseCode.RateLimited,
        `a connection may show at most ${MAX_PRESENCE_IDS_PER_CONN} presences`,
      );
    }
    this.held.set(conn, held);
    this.claim(conn, claimed, held);
    this.applyEntries(kept.length === entries.length ? update : encodeEntries(kept), conn);
  }

  /** Presence from another instance's clients; never overrides ids owned here. */
  applyRemote(update: Uint8Array): void {
    let entries: AwarenessEntry[];
    try {
      entries = decodeAwarenessUpdate(update);
    } catch (err) {
      this.deps.logger.warn({ err }, 'undecodable awareness from another instance');
      return;
    }
    const kept = this.entriesOwnedBy(REMOTE_ORIGIN, entries);
    if (kept.length === 0) return;
    this.claim(
      REMOTE_ORIGIN,
      new Set(kept.filter((entry) => !this.owners.has(entry.clientId)).map((entry) => entry.clientId)),
    );
    this.applyEntries(kept.length === entries.length ? update : encodeEntries(kept), REMOTE_ORIGIN);
  }

  /** `conn` has left: its presence is removed for everyone and its ids are free again. */
  release(conn: Connection): void {
    const held = this.held.get(conn);
    this.held.delete(conn);
    if (held === undefined || held.size === 0) return;
    awarenessProtocol.removeAwarenessStates(this.awareness, [...held], conn);
    for (const clientId of held) if (this.owners.get(clientId) === conn) this.owners.delete(clientId);
  }

  destroy(): void {
    this.awareness.destroy();
  }

  /**
   * The entries `owner` may write that would change something: y-protocols ignores an
   * entry whose clock is not newer (a stale echo), and nobody removes a state nobody owns.
   */
  private entriesOwnedBy(owner: Owner, entries: AwarenessEntry[]): AwarenessEntry[] {
    return entries.filter(({ clientId, clock, state }) => {
      const current = this.owners.get(clientId);
      if (current !== undefined && current !== owner) return false;
      if (current === undefined && state === null) return false;
      const knownClock = this.awareness.meta.get(clientId)?.clock ?? 0;
      return knownClock < clock || (knownClock === clock && state === null);
    });
  }

  private claim(owner: Owner, clientIds: Set<number>, held?: Set<number>): void {
    for (const clientId of clientIds) {
      this.owners.set(clientId, owner);
      held?.add(clientId);
    }
  }

  private applyEntries(update: Uint8Array, origin: unknown): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, origin);
  }

  private encodeEveryone(): Uint8Array {
    this.everyoneFrame ??= encodeAwareness(
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
    );
    return this.everyoneFrame;
  }

  /** Relays every change to the other sockets and instances, and frees removed ids. */
  private readonly onUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    this.everyoneFrame = undefined;
    for (const clientId of change.removed) this.free(clientId);
    const clients = [...change.added, ...change.updated, ...change.removed];
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients);
    const frame = new SharedFrame(encodeAwareness(update));
    for (const conn of this.deps.conns) if (conn !== origin) conn.send(frame);
    if (origin !== REMOTE_ORIGIN) this.deps.publish(update);
  };

  private free(clientId: number): void {
    const owner = this.owners.get(clientId);
    if (owner === undefined || owner === SERVER_OWNER) return;
    this.owners.delete(clientId);
    if (owner !== REMOTE_ORIGIN) this.held.get(owner)?.delete(clientId);
  }
}

/** An awareness update holding just `entries`, as y-protocols encodes one. */
function encodeEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}
