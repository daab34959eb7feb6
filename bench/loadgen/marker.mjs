// Latency markers: the text an editor inserts carries its own send time, so any receiver
// can tell how long the change took to reach it without decoding the Yjs update. A marker
// is 12 characters: RS, 7 base-36 digits of the send time in 10 µs units since the run's
// epoch `t0`, 3 base-36 digits of the sender id, US. Yjs stores inserted strings verbatim
// in an update, so a byte scan finds them; a false match would need those exact 12 bytes.
const START = 0x1e;
const END = 0x1f;
const TIME_DIGITS = 7;
const SENDER_DIGITS = 3;
export const MARKER_LENGTH = TIME_DIGITS + SENDER_DIGITS + 2;
const UNITS_PER_MS = 100;

export function encodeMarker(sentAt, t0, senderId) {
  const time = Math.round((sentAt - t0) * UNITS_PER_MS)
    .toString(36)
    .padStart(TIME_DIGITS, '0');
  const sender = senderId.toString(36).padStart(SENDER_DIGITS, '0');
  return `\x1e${time}${sender}\x1f`;
}

function isDigit36(byte) {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7a);
}

function readBase36(bytes, from, count) {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const byte = bytes[i];
    value = value * 36 + (byte <= 0x39 ? byte - 0x30 : byte - 0x61 + 10);
  }
  return value;
}

/** Calls `onMarker(sentAt, senderId)` for every marker in `bytes`. */
export function scanMarkers(bytes, t0, onMarker) {
  const last = bytes.length - MARKER_LENGTH;
  for (let i = 0; i <= last; i++) {
    if (bytes[i] !== START || bytes[i + MARKER_LENGTH - 1] !== END) continue;
    let isMarker = true;
    for (let j = i + 1; j < i + MARKER_LENGTH - 1; j++) {
      if (!isDigit36(bytes[j])) {
        isMarker = false;
        break;
      }
    }
    if (!isMarker) continue;
    const time = readBase36(bytes, i + 1, TIME_DIGITS);
    const sender = readBase36(bytes, i + 1 + TIME_DIGITS, SENDER_DIGITS);
    onMarker(t0 + time / UNITS_PER_MS, sender);
    i += MARKER_LENGTH - 1;
  }
}
