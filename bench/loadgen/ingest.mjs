// Load-generator role for the large-document scenario. `prepare` replays an editing trace
// (server/test/fixtures/traces, one keystroke per transaction) into a private Y.Doc and keeps every
// transaction's update as a ready-made frame, so generating them is not timed. `stream`
// sends those frames through one connection as fast as the socket drains and, for Quire,
// waits for the durable acknowledgement that covers the last one. `coldOpen` times a
// fresh client from connect to holding the full text.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { YClient, MESSAGE_SYNC, now } from './yclient.mjs';

const HIGH_WATER_BYTES = 1024 * 1024;
const FRAMES_PER_TURN = 2000;
/**
 * A cold open that has received nothing for this long after syncing has all it will get
 * (longer than the reference's slowest load, which it sends after an empty first reply).
 */
const SETTLE_MS = 60_000;

export function createIngest() {
  let prepared;

  function prepare({ traceFile, limit }) {
    const trace = JSON.parse(gunzipSync(readFileSync(traceFile)).toString('utf8'));
    const txns = trace.txns.slice(0, limit ?? trace.txns.length);
    const doc = new Y.Doc();
    const text = doc.getText('bench');
    const frames = [];
    doc.on('update', (update) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      frames.push(encoding.toUint8Array(encoder));
    });
    for (const txn of txns) {
      doc.transact(() => {
        for (const [pos, deleteCount, insertText] of txn.patches) {
          if (deleteCount > 0) text.delete(pos, deleteCount);
          if (insertText) text.insert(pos, insertText);
        }
      });
    }
    const finalText = text.toString();
    if (limit === undefined && finalText !== trace.endContent)
      throw new Error('trace replay does not match endContent');
    prepared = { frames, finalText, clientId: doc.clientID, clock: Y.getState(doc.store, doc.clientID) };
    const frameBytes = frames.reduce((sum, frame) => sum + frame.byteLength, 0);
    doc.destroy();
    return { updates: frames.length, textLength: finalText.length, frameBytes, finalText };
  }

  async function stream({ wsUrl, docName, kind, timeoutMs }) {
    const client = new YClient({ wsUrl, docName, wantsAck: kind === 'quire', appliesRemote: false });
    await client.open();
    const deadline = now() + timeoutMs;
    const { frames } = prepared;
    const startedAt = now();
    for (let i = 0; i < frames.length && now() < deadline;) {
      if (client.bufferedAmount > HIGH_WATER_BYTES) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        continue;
      }
      for (const end = Math.min(frames.length, i + FRAMES_PER_TURN); i < end; i++) client.sendRaw(frames[i]);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const sentAt = now();
    let ackedAt;
    if (kind === 'quire') {
      await client.waitFor(() => client.isAcked(prepared.clientId, prepared.clock), Math.max(1, deadline - now()));
      ackedAt = now();
    }
    await client.close();
    client.destroy();
    return { startedAt, sentAt, ackedAt, updates: frames.length };
  }

  /** `expectedText`: the document's text (the process timing opens need not have prepared it). */
  async function coldOpen({ wsUrl, docName, timeoutMs, expectedText }) {
    const client = new YClient({ wsUrl, docName, appliesRemote: true });
    const expected = expectedText ?? prepared.finalText;
    await client.open();
    // A server that lost edits never sends the full text: stop once it has been silent a while
    // after syncing, and report the difference instead of timing out.
    await client.waitFor(() => client.text.length >= expected.length, timeoutMs, { settleMs: SETTLE_MS });
    // Incomplete: the time to the last frame, not to when waiting gave up.
    const fullAt = client.text.length >= expected.length ? now() : client.lastReceivedAt;
    const result = {
      endToEndMs: fullAt - client.openedAt,
      // The frame that completed the text arrived then, before the client decoded it.
      serverMs: client.lastReceivedAt - client.openedAt,
      isTextEqual: client.text.toString() === expected,
      textLength: client.text.length,
      expectedLength: expected.length,
      firstDifference: firstDifference(client.text.toString(), expected),
      encodedBytes: Y.encodeStateAsUpdate(client.doc).byteLength,
    };
    await client.close();
    client.destroy();
    return result;
  }

  return { prepare, stream, coldOpen };
}

function firstDifference(a, b) {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : length;
}
