import { describe, expect, it } from 'vitest';
import type { BatchOp } from './group-commit.js';
import { decodeRecords, encodeRecord } from './relay-log-format.js';

const first: BatchOp[] = [
  { type: 'put', key: 'v1\u0000u\u0000notes é\u00000', value: Uint8Array.of(1, 2, 3) },
  { type: 'del', key: 'old' },
];
const second: BatchOp[] = [{ type: 'put', key: 'k', value: new Uint8Array(0) }];

describe('relay log records (SPEC: Guarantees, durability)', () => {
  it('reads back every batch, in order, with its operations in order', () => {
    const file = Buffer.concat([encodeRecord(first), encodeRecord(second)]);
    expect(decodeRecords(file)).toEqual({ batches: [first, second], bytes: file.byteLength });
  });

  it('ignores a record cut short by a crash, at any length', () => {
    const whole = encodeRecord(first);
    const torn = encodeRecord(second);
    for (let cut = 0; cut < torn.byteLength; cut++) {
      const file = Buffer.concat([whole, torn.subarray(0, cut)]);
      expect(decodeRecords(file)).toEqual({ batches: [first], bytes: whole.byteLength });
    }
  });

  it('stops at a record whose bytes do not match its checksum, and at zeros', () => {
    const whole = encodeRecord(first);
    const damaged = encodeRecord(second);
    damaged[damaged.byteLength - 1]! ^= 0xff;
    expect(decodeRecords(Buffer.concat([whole, damaged, whole])).batches).toEqual([first]);
    expect(decodeRecords(Buffer.concat([whole, Buffer.alloc(64)])).batches).toEqual([first]);
  });
});
