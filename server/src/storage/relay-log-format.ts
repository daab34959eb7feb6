import { crc32 } from 'node:zlib';
import type { BatchOp } from './group-commit.js';

/**
 * Records of the relay log (see relay-log.ts): one record is one batch of LevelDB
 * operations, written with one system call. A record is
 *
 *   u32 LE payload length (> 0) | u32 LE crc32 of the payload | payload
 *
 * and the payload is its operations in order, each
 *
 *   u8 kind (1 put, 2 del) | u32 LE key length | key (UTF-8) | put only: u32 LE value length | value
 *
 * A record that is cut short, fails its checksum or does not decode ends the readable part
 * of a file: it is the tail of a write a crash interrupted, never acknowledged (a sync of the
 * file comes before any acknowledgement of what it holds).
 */
const HEADER_BYTES = 8;
const PUT = 1;
const DEL = 2;

/** One record holding `ops`, ready to append. */
export function encodeRecord(ops: readonly BatchOp[]): Buffer {
  let size = HEADER_BYTES;
  for (const op of ops) {
    size += 5 + Buffer.byteLength(op.key);
    if (op.type === 'put') size += 4 + op.value.byteLength;
  }
  const record = Buffer.allocUnsafe(size);
  let at = HEADER_BYTES;
  for (const op of ops) {
    record[at] = op.type === 'put' ? PUT : DEL;
    const keyBytes = record.write(op.key, at + 5, 'utf8');
    record.writeUInt32LE(keyBytes, at + 1);
    at += 5 + keyBytes;
    if (op.type === 'del') continue;
    record.writeUInt32LE(op.value.byteLength, at);
    record.set(op.value, at + 4);
    at += 4 + op.value.byteLength;
  }
  const payload = record.subarray(HEADER_BYTES);
  record.writeUInt32LE(payload.byteLength, 0);
  record.writeUInt32LE(crc32(payload), 4);
  return record;
}

/** The batches of every complete record at the start of `file`, and how many bytes they span. */
export function decodeRecords(file: Buffer): { batches: BatchOp[][]; bytes: number } {
  const batches: BatchOp[][] = [];
  let at = 0;
  while (file.byteLength - at >= HEADER_BYTES) {
    const length = file.readUInt32LE(at);
    const end = at + HEADER_BYTES + length;
    if (length === 0 || end > file.byteLength) break;
    const payload = file.subarray(at + HEADER_BYTES, end);
    if (crc32(payload) !== file.readUInt32LE(at + 4)) break;
    const ops = decodePayload(payload);
    if (!ops) break;
    batches.push(ops);
    at = end;
  }
  return { batches, bytes: at };
}

/** The operations of one payload; undefined if it does not decode. */
function decodePayload(payload: Buffer): BatchOp[] | undefined {
  const ops: BatchOp[] = [];
  let at = 0;
  while (at < payload.byteLength) {
    if (payload.byteLength - at < 5) return undefined;
    const kind = payload[at];
    const keyEnd = at + 5 + payload.readUInt32LE(at + 1);
    if (keyEnd > payload.byteLength || (kind !== PUT && kind !== DEL)) return undefined;
    const key = payload.toString('utf8', at + 5, keyEnd);
    at = keyEnd;
    if (kind === DEL) {
      ops.push({ type: 'del', key });
      continue;
    }
    if (payload.byteLength - at < 4) return undefined;
    const valueEnd = at + 4 + payload.readUInt32LE(at);
    if (valueEnd > payload.byteLength) return undefined;
    ops.push({ type: 'put', key, value: new Uint8Array(payload.subarray(at + 4, valueEnd)) });
    at = valueEnd;
  }
  return ops;
}
