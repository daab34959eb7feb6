import * as encoding from 'lib0/encoding';
import { MessageType, SyncStep } from '@quire/shared';

/** Builders for the frames the server sends (y-websocket protocol plus the ack, type 100). */
function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function syncFrame(step: number, payload: Uint8Array): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MessageType.Sync);
    encoding.writeVarUint(encoder, step);
    encoding.writeVarUint8Array(encoder, payload);
  });
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return syncFrame(SyncStep.Step1, stateVector);
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return syncFrame(SyncStep.Step2, update);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return syncFrame(SyncStep.Update, update);
}

export function encodeAwareness(awarenessUpdate: Uint8Array): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, awarenessUpdate);
  });
}

/** y-protocols auth message: permission denied, with a reason. */
export function encodePermissionDenied(reason: string): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MessageType.Auth);
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarString(encoder, reason);
  });
}

/** Quire extension: the state vector that is durably on disk. */
export function encodeAck(stateVector: Uint8Array): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MessageType.Ack);
    encoding.writeVarUint8Array(encoder, stateVector);
  });
}
