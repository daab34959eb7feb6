import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { CloseCode, MessageType, SyncStep } from '@quire/shared';
import { ProtocolError } from '../errors.js';
import { InvalidUpdate, checkDecodedRules, type ClockEnds, type DecodedUpdate } from './update-check.js';
import { nestsWithin } from './nesting.js';

/**
 * Turns one binary frame into a typed message, or throws a ProtocolError carrying the
 * close code (SPEC: WebSocket; STYLE §5). Updates, state vectors and awareness payloads are
 * fully decoded here, before anything touches a document, so garbage can never
 * half-apply: 1002 for a broken envelope (unknown type, truncated varint), 1003 for a
 * payload that does not decode.
 */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

export type { ClockEnds, DecodedUpdate } from './update-check.js';

export type Frame =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array; decoded: DecodedUpdate }
  | {
      kind: 'update';
      update: Uint8Array;
      /** `update` decoded, for the room's checks (Yjs decodes it again to apply it). */
      decoded: DecodedUpdate;
      ends: ClockEnds;
      /** The whole frame, when it is exactly the update's message and can be relayed as is. */
      frame: Uint8Array | undefined;
    }
  | { kind: 'awareness'; update: Uint8Array; entries: AwarenessEntry[] }
  | { kind: 'query-awareness' }
  | { kind: 'auth' };

export function decodeFrame(bytes: Uint8Array): Frame {
  const decoder = decoding.createDecoder(bytes);
  const type = readEnvelope(() => decoding.readVarUint(decoder));
  switch (type) {
    case MessageType.Sync:
      return decodeSync(decoder, bytes);
    case MessageType.Awareness: {
      const update = readEnvelope(() => decoding.readVarUint8Array(decoder));
      return { kind: 'awareness', update, entries: decodeAwarenessUpdate(update) };
    }
    case MessageType.QueryAwareness:
      return { kind: 'query-awareness' };
    case MessageType.Auth:
      return { kind: 'auth' };
    default:
      throw new ProtocolError(CloseCode.ProtocolError, `unknown message type ${type}`);
  }
}

function decodeSync(decoder: decoding.Decoder, bytes: Uint8Array): Frame {
  const step = readEnvelope(() => decoding.readVarUint(decoder));
  const payload = readEnvelope(() => decoding.readVarUint8Array(decoder));
  switch (step) {
    case SyncStep.Step1:
      checkPayload('state vector', () => Y.decodeStateVector(payload));
      return { kind: 'sync-step1', stateVector: payload };
    case SyncStep.Step2:
      return { kind: 'sync-step2', update: payload, decoded: checkUpdate(payload).decoded };
    case SyncStep.Update: {
      const { decoded, ends } = checkUpdate(payload);
      const frame = decoder.pos === bytes.byteLength ? bytes : undefined;
      return { kind: 'update', update: payload, decoded, ends, frame };
    }
    default:
      throw new ProtocolError(CloseCode.ProtocolError, `unknown sync step ${step}`);
  }
}

function readEnvelope<T>(read: () => T): T {
  try {
    return read();
  } catch {
    throw new ProtocolError(CloseCode.ProtocolError, 'truncated or malformed frame');
  }
}

function checkPayload<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch {
    throw new ProtocolError(CloseCode.UnsupportedData, `undecodable ${what}`);
  }
}

/**
 * Decodes an update in full and checks that it can be integrated without throwing halfway
 * (`checkUpdateRules`). Returns it decoded, and where its clocks end.
 */
export function checkUpdate(update: Uint8Array): { decoded: DecodedUpdate; ends: ClockEnds } {
  try {
    const decoded = Y.decodeUpdate(update);
    return { decoded, ends: checkDecodedRules(decoded) };
  } catch (err) {
    if (err instanceof InvalidUpdate)
      throw new ProtocolError(CloseCode.UnsupportedData, `invalid update: ${err.message}`);
    throw new ProtocolError(CloseCode.UnsupportedData, 'undecodable update');
  }
}

/** How deeply an awareness state may nest; real ones (a name, a colour, a cursor) are a few levels deep. */
const MAX_AWARENESS_DEPTH = 64;

/**
 * Entries one awareness frame may carry (issue #18). Stock clients echo everyone's presence
 * back, so a frame holds about as many entries as the document has people present; each
 * costs a JSON parse before ownership can drop it.
 */
export const MAX_AWARENESS_ENTRIES = 10_000;
/** Characters of one awareness state's JSON: a name, a colour and a selection need far less. */
export const MAX_AWARENESS_STATE_CHARS = 16 * 1024;
/**
 * Highest awareness clock accepted. Clocks count a client's presence changes; the server
 * adds one when it removes a state, and clients refuse varints past 2^53 - 1, so a clock
 * near that limit would make the removal undecodable for everyone.
 */
export const MAX_AWARENESS_CLOCK = 2 ** 50;

/** Awareness update: count, then per client its id, clock and JSON state. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const entries: AwarenessEntry[] = [];
  const decoder = decoding.createDecoder(update);
  const count = readAwarenessPart(() => decoding.readVarUint(decoder));
  if (count > MAX_AWARENESS_ENTRIES) {
    throw new ProtocolError(CloseCode.RateLimited, `awareness frame with more than ${MAX_AWARENESS_ENTRIES} entries`);
  }
  for (let i = 0; i < count; i++) {
    const clientId = readAwarenessPart(() => decoding.readVarUint(decoder));
    const clock = readAwarenessPart(() => decoding.readVarUint(decoder));
    const json = readAwarenessPart(() => decoding.readVarString(decoder));
    if (json.length > MAX_AWARENESS_STATE_CHARS) {
      throw new ProtocolError(CloseCode.TooLarge, `awareness state over ${MAX_AWARENESS_STATE_CHARS} characters`);
    }
    const state: unknown = readAwarenessPart(() => JSON.parse(json));
    entries.push({ clientId, clock, state });
  }
  for (const { clock, state } of entries) {
    if (clock > MAX_AWARENESS_CLOCK) throw new ProtocolError(CloseCode.UnsupportedData, 'awareness clock out of range');
    // Editors read fields of each state: anything but an object (or null, "gone") is refused.
    if (typeof state !== 'object' || Array.isArray(state)) {
      throw new ProtocolError(CloseCode.UnsupportedData, 'awareness state is not an object');
    }
    if (!nestsWithin(state, MAX_AWARENESS_DEPTH)) {
      throw new ProtocolError(CloseCode.UnsupportedData, 'awareness state nested too deeply');
    }
  }
  return entries;
}

function readAwarenessPart<T>(read: () => T): T {
  try {
    return read();
  } catch {
    throw new ProtocolError(CloseCode.UnsupportedData, 'undecodable awareness update');
  }
}
