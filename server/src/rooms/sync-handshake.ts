import { encodeAck, encodeSyncStep1, encodeSyncStep2 } from '../protocol/encode.js';
import type { Connection } from './connection.js';
import type { DurableWrites } from './durable-writes.js';
import type { RoomPresence } from './room-presence.js';
import type { StoredDoc } from './stored-doc.js';

/**
 * The y-websocket sync handshake on the server's side (SPEC: WebSocket). Every answer is
 * encoded first and sent only once the writes it contains are on disk (writes queued
 * later are not waited for), so nobody ever sees state that is not in the store.
 */
export class SyncHandshake {
  constructor(
    private readonly state: StoredDoc,
    private readonly writes: DurableWrites,
    private readonly presence: RoomPresence,
  ) {}

  /** Greets a joiner: sync step 1, everyone's presence, the saved state for `?ack=1`. */
  async welcome(conn: Connection): Promise<void> {
    // The state vector of a stored state not applied yet costs a decode of all of it: let
    // the joiner's own sync step 1, usually here already, be answered first.
    if (this.state.isPending) setImmediate(() => void this.greet(conn));
    else await this.greet(conn);
  }

  /** Answers a client's sync step 1 with what it lacks; resolves once sent. */
  answerStep1(conn: Connection, stateVector: Uint8Array): Promise<void> {
    const reply = encodeSyncStep2(this.state.stateAsUpdate(stateVector));
    return this.writes.whenDurable().then(() => conn.send(reply));
  }

  private async greet(conn: Connection): Promise<void> {
    const stateVector = this.state.stateVector();
    await this.writes.whenDurable();
    conn.send(encodeSyncStep1(stateVector));
    this.presence.greet(conn);
    if (conn.wantsAck) conn.send(encodeAck(this.state.durableStateVector()));
  }
}
