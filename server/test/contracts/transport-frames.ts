import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MessageType, SyncStep } from '@quire/shared';
import type { RawConnection } from './transport-client.js';
import { waitFor } from '../helpers.js';

/** Reading what a raw transport client received: y-protocols frames plus the ack (type 100). */
export type Received =
  | { kind: 'sync'; step: number; payload: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'permission-denied'; reason: string }
  | { kind: 'ack'; stateVector: Map<number, number> }
  | { kind: 'other'; type: number };

export function readFrame(frame: Uint8Array): Received {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.Sync: {
      const step = decoding.readVarUint(decoder);
      return { kind: 'sync', step, payload: decoding.readVarUint8Array(decoder) };
    }
    case MessageType.Awareness:
      return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MessageType.Auth:
      decoding.readVarUint(decoder);
      return { kind: 'permission-denied', reason: decoding.readVarString(decoder) };
    case MessageType.Ack:
      return { kind: 'ack', stateVector: Y.decodeStateVector(decoding.readVarUint8Array(decoder)) };
    default:
      return { kind: 'other', type };
  }
}

export const isSync = (step: number) => (frame: Received) => frame.kind === 'sync' && frame.step === step;

/** Waits for a frame received at index `from` or later that `wanted` accepts, and returns it. */
export async function nextFrame(
  conn: RawConnection,
  wanted: (frame: Received) => boolean,
  { from = 0, what = 'a frame' }: { from?: number; what?: string } = {},
): Promise<Received> {
  let found: Received | undefined;
  await waitFor(
    () => {
      found = conn.frames.slice(from).map(readFrame).find(wanted);
      return found !== undefined;
    },
    { what },
  );
  return found!;
}

export function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const syncPayload = (step: number, payload: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, step);
    encoding.writeVarUint8Array(e, payload);
  });

export const syncStep1 = (doc: Y.Doc): Uint8Array => syncPayload(SyncStep.Step1, Y.encodeStateVector(doc));
export const updateFrame = (update: Uint8Array): Uint8Array => syncPayload(SyncStep.Update, update);

/** An awareness frame announcing `clientId` at `clock` with `state` as its JSON text (`null` removes it). */
export function awarenessFrame(clientId: number, clock: number, state: string): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Awareness);
    encoding.writeVarUint8Array(
      e,
      frame((inner) => {
        encoding.writeVarUint(inner, 1);
        encoding.writeVarUint(inner, clientId);
        encoding.writeVarUint(inner, clock);
        encoding.writeVarString(inner, state);
      }),
    );
  });
}
