import * as encoding from 'lib0/encoding';
import { MessageType } from '@quire/shared';
import type { TestClient } from './helpers.js';

/** Hand-made presence (awareness) frames, for sending what a hostile client would. */
export interface PresenceEntry {
  clientId: number;
  clock: number;
  /** The state as JSON text, sent as is (so it may be anything). */
  json: string;
}

/** An awareness update (y-protocols encoding): count, then id, clock and JSON per entry. */
export function awarenessUpdate(entries: PresenceEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

/** A message-type-1 frame around `update`. */
export function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function awarenessFrame(entries: PresenceEntry[]): Uint8Array {
  return awarenessMessage(awarenessUpdate(entries));
}

/** The `user.name` that `observer` shows for client `clientId`, if any. */
export function shownName(observer: TestClient, clientId: number): string | undefined {
  const state = observer.provider.awareness.getStates().get(clientId) as { user?: { name?: string } } | undefined;
  return state?.user?.name;
}

/** The clock `observer` knows for client `clientId` (0 if none). */
export function knownClock(observer: TestClient, clientId: number): number {
  return observer.provider.awareness.meta.get(clientId)?.clock ?? 0;
}

/** `count` client ids no honest client uses. */
export function fakeIds(count: number, from = 1_000_000): number[] {
  return Array.from({ length: count }, (_, i) => from + i);
}
