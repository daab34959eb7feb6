import { deflateSync } from 'node:zlib';

/**
 * Tiny images made in the test rather than kept as binary fixtures (SPEC: Files (images)):
 * a real 1×1 PNG of any colour (browsers draw it; each colour gives other bytes, so another
 * id), and the leading bytes that make a JPEG, GIF or WebP for a type sniffer.
 */
export function tinyPng([red, green, blue]: [number, number, number] = [200, 30, 30]): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const pixels = deflateSync(Buffer.from([0, red, green, blue]));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

/** A 1×1 GIF. */
export function tinyGif(): Uint8Array {
  return Buffer.from('47494638396101000100800000ffffff00000021f90401000000002c00000000010001000002024401003b', 'hex');
}

/** The start of a JFIF JPEG, enough for a type sniffer. */
export function tinyJpeg(): Uint8Array {
  return Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
}

/** A lossless WebP header, enough for a type sniffer. */
export function tinyWebp(): Uint8Array {
  const body = Buffer.from(
    'WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00',
    'latin1',
  );
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.byteLength, 0);
  return Buffer.concat([Buffer.from('RIFF'), size, body]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.byteLength, 0);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed), 0);
  return Buffer.concat([length, typed, crc]);
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
