import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeFrame } from '../protocol/decode.js';
import { encodeUpdate } from '../protocol/encode.js';
import { messageOf, type OutgoingFrame } from '../transport/shared-frame.js';
import { relayBatch, type DurableChange } from './batch-relay.js';

/** A socket that records what it was sent, as the text its doc ends up with. */
function recipient(): { send(frame: OutgoingFrame): void; frames: number; text(): string } {
  const doc = new Y.Doc();
  let frames = 0;
  return {
    send(frame) {
      frames++;
      const decoded = decodeFrame(messageOf(frame));
      if (decoded.kind !== 'update') throw new Error(`expected an update, got ${decoded.kind}`);
      Y.applyUpdate(doc, decoded.update);
    },
    get frames() {
      return frames;
    },
    text: () => doc.getText('t').toString(),
  };
}

/** One keystroke by `author`, as its own Y.Doc would send it. */
function keystroke(author: object, text: string): DurableChange {
  const doc = new Y.Doc();
  let update: Uint8Array | undefined;
  doc.on('update', (bytes: Uint8Array) => (update = bytes));
  doc.getText('t').insert(0, text);
  return { update: update!, origin: author };
}

describe('relaying a durable batch (SPEC: Guarantees)', () => {
  it('each socket gets one frame with every change of the batch but its own', () => {
    const [a, b, watcher] = [recipient(), recipient(), recipient()];
    relayBatch([a, b, watcher], [keystroke(a, 'A'), keystroke(b, 'B'), keystroke(a, 'a')]);
    expect([a.frames, b.frames, watcher.frames]).toEqual([1, 1, 1]);
    expect(a.text()).toBe('B');
    expect(b.text().split('').sort().join('')).toBe('Aa');
    expect(watcher.text().split('').sort().join('')).toBe('ABa');
  });

  it('the only author of a batch is sent nothing', () => {
    const author = recipient();
    relayBatch([author], [keystroke(author, 'x'), keystroke(author, 'y')]);
    expect(author.frames).toBe(0);
  });

  it('a lone change goes out as the very frame it arrived in', () => {
    const sent: OutgoingFrame[] = [];
    const author = {};
    const change = keystroke(author, 'z');
    const frame = encodeUpdate(change.update);
    relayBatch([{ send: (bytes) => sent.push(bytes) }], [{ ...change, frame }]);
    expect(sent).toHaveLength(1);
    expect(messageOf(sent[0]!)).toBe(frame);
  });

  it('others get the relayed version of a change, alone or merged into a batch', () => {
    const [sender, typist] = [{}, recipient()];
    const stored = keystroke(sender, 'stored');
    const change = { ...stored, relayed: keystroke(sender, 'relayed').update };
    const [alone, batched] = [recipient(), recipient()];
    relayBatch([alone], [change]);
    relayBatch([batched, typist], [change, keystroke(typist, 'T')]);
    expect(alone.text()).toBe('relayed');
    expect(batched.text()).toMatch(/^(relayedT|Trelayed)$/);
    expect(typist.text()).toBe('relayed');
  });

  it('with many authors in one batch everyone gets the whole batch once', () => {
    const authors = Array.from({ length: 12 }, recipient);
    relayBatch(
      authors,
      authors.map((author, i) => keystroke(author, String.fromCharCode(65 + i))),
    );
    for (const author of authors) {
      expect(author.frames).toBe(1);
      expect(author.text()).toHaveLength(12);
    }
  });
});
