import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '@quire/shared';
import { decodeFrame } from './decode.js';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './encode.js';
import { ProtocolError } from '../errors.js';

function closeCodeOf(bytes: Uint8Array): number | undefined {
  try {
    decodeFrame(bytes);
    return undefined;
  } catch (err) {
    return err instanceof ProtocolError ? err.code : -1;
  }
}

describe('decodeFrame (STYLE §5)', () => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'hello');
  const update = Y.encodeStateAsUpdate(doc);

  it('round-trips every message the server encodes', () => {
    expect(decodeFrame(encodeSyncStep1(Y.encodeStateVector(doc)))).toMatchObject({ kind: 'sync-step1' });
    expect(decodeFrame(encodeSyncStep2(update))).toMatchObject({ kind: 'sync-step2', update });
    expect(decodeFrame(encodeUpdate(update))).toMatchObject({ kind: 'update', update });
    expect(decodeFrame(encodeAwareness(Uint8Array.of(0)))).toMatchObject({ kind: 'awareness', entries: [] });
    expect(decodeFrame(Uint8Array.of(3))).toEqual({ kind: 'query-awareness' });
  });

  it('an update frame carries where its clocks end, and itself when nothing trails the update', () => {
    const frame = encodeUpdate(update);
    const decoded = decodeFrame(frame);
    expect(decoded).toMatchObject({ kind: 'update', frame, ends: new Map([[doc.clientID, 5]]) });
    const trailing = decodeFrame(Uint8Array.of(...frame, 7));
    expect(trailing).toMatchObject({ kind: 'update', update, frame: undefined });
  });

  it('maps broken envelopes to 1002 and undecodable payloads to 1003', () => {
    expect(closeCodeOf(Uint8Array.of())).toBe(CloseCode.ProtocolError);
    expect(closeCodeOf(Uint8Array.of(0x80, 0x80))).toBe(CloseCode.ProtocolError);
    expect(closeCodeOf(Uint8Array.of(42))).toBe(CloseCode.ProtocolError);
    expect(closeCodeOf(Uint8Array.of(0, 5, 0))).toBe(CloseCode.ProtocolError);
    expect(closeCodeOf(encodeUpdate(update.slice(0, update.length - 3)))).toBe(CloseCode.UnsupportedData);
    expect(closeCodeOf(encodeUpdate(Uint8Array.of(9, 9, 9, 9)))).toBe(CloseCode.UnsupportedData);
    expect(closeCodeOf(encodeAwareness(Uint8Array.of(1, 1, 1, 3, 0x7b, 0x7b, 0x7b)))).toBe(CloseCode.UnsupportedData);
  });

  it('never throws anything but a ProtocolError on random bytes', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({ length: 1 + (i % 40) }, random);
      expect(closeCodeOf(bytes)).not.toBe(-1);
    }
  });
});
