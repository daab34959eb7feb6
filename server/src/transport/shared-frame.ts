/**
 * One frame sent to many sockets: a relayed batch, or a presence change, goes to every other
 * socket of the room. A server's WebSocket frames are not masked (RFC 6455 §5.1), so every
 * recipient gets the very same bytes on the wire: they are framed once, on first use, and
 * each socket is handed that one buffer, instead of `ws` building a header, a wrapper and a
 * two-part write per recipient (most of a busy document's CPU is these sends).
 */
export class SharedFrame {
  private wire: Buffer | undefined;

  /** `bytes`: the y-protocols message, as a single-recipient `send` would take it. */
  constructor(readonly bytes: Uint8Array) {}

  /** The whole frame on the wire: one final, unmasked binary WebSocket message. */
  get webSocketBytes(): Buffer {
    return (this.wire ??= frameBinaryMessage(this.bytes));
  }
}

/** What a transport sends: the bytes for one socket, or a frame shared by many. */
export type OutgoingFrame = Uint8Array | SharedFrame;

/** The y-protocols message an outgoing frame carries. */
export function messageOf(frame: OutgoingFrame): Uint8Array {
  return frame instanceof SharedFrame ? frame.bytes : frame;
}

const FIN_BINARY = 0x82;
const LENGTH_16 = 126;
const LENGTH_64 = 127;

/** Header (FIN, opcode 2, no mask, RFC 6455 §5.2 payload length) followed by `payload`. */
export function frameBinaryMessage(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const headerLength = length < LENGTH_16 ? 2 : length <= 0xffff ? 4 : 10;
  const wire = Buffer.allocUnsafe(headerLength + length);
  wire[0] = FIN_BINARY;
  if (length < LENGTH_16) {
    wire[1] = length;
  } else if (length <= 0xffff) {
    wire[1] = LENGTH_16;
    wire.writeUInt16BE(length, 2);
  } else {
    wire[1] = LENGTH_64;
    wire.writeBigUInt64BE(BigInt(length), 2);
  }
  wire.set(payload, headerLength);
  return wire;
}
