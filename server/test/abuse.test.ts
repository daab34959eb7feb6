import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CloseCode, MessageType } from '@quire/shared';
import {
  connectClient,
  docName,
  rawSocket,
  startTestServer,
  waitFor,
  type TestClient,
  type TestServer,
} from './helpers.js';

/**
 * SPEC: WebSocket, STYLE §5 — bad input closes that socket only, with the right code;
 * the server, the document and the other clients carry on untouched.
 */
function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function validUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

const syncPayload = (step: number, payload: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, step);
    encoding.writeVarUint8Array(e, payload);
  });

const truncatedUpdate = validUpdate('this update is cut short').slice(0, 12);

type Id = [client: number, clock: number];

/**
 * A Yjs update (v1) holding one text item, written field by field so that the fields can
 * be wrong in ways Yjs never writes them, while the update still decodes.
 */
function textItemUpdate(item: { id: Id; text: string; origin?: Id; rightOrigin?: Id }): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, 1); // clients
    encoding.writeVarUint(e, 1); // structs of this client
    encoding.writeVarUint(e, item.id[0]);
    encoding.writeVarUint(e, item.id[1]);
    const stringContent = 4;
    encoding.writeUint8(e, stringContent | (item.origin ? 0x80 : 0) | (item.rightOrigin ? 0x40 : 0));
    for (const id of [item.origin, item.rightOrigin]) {
      if (id) id.forEach((n) => encoding.writeVarUint(e, n));
    }
    if (!item.origin && !item.rightOrigin) {
      encoding.writeVarUint(e, 1); // parent is a root type, by name
      encoding.writeVarString(e, 't');
    }
    encoding.writeVarString(e, item.text);
    encoding.writeVarUint(e, 0); // no deleted ranges
  });
}

/** A Yjs update (v1) inserting into text `t` one embed: `json`, as its JSON text. */
function embedUpdate(json: string): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, 1); // clients
    encoding.writeVarUint(e, 1); // structs of this client
    encoding.writeVarUint(e, ATTACKER);
    encoding.writeVarUint(e, 0);
    const embedContent = 5;
    encoding.writeUint8(e, embedContent);
    encoding.writeVarUint(e, 1); // parent is a root type, by name
    encoding.writeVarString(e, 't');
    encoding.writeVarString(e, json);
    encoding.writeVarUint(e, 0); // no deleted ranges
  });
}

/** An update adding to the editor's tree a node whose type (`__type`) the editor does not know. */
function unknownNodeUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = ATTACKER;
  const node = new Y.XmlText();
  node.setAttribute('__type', 'nonsense');
  doc.get('root', Y.XmlText).insertEmbed(0, node);
  return Y.encodeStateAsUpdate(doc);
}

/** A Yjs update (v1) deleting one range and inserting nothing. */
function deletionUpdate([client, clock]: Id, length: number): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, 0); // no structs
    encoding.writeVarUint(e, 1); // clients with deleted ranges
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, 1); // ranges
    encoding.writeVarUint(e, clock);
    encoding.writeVarUint(e, length);
  });
}

const ATTACKER = 77;

/** `data` may be built from the id of the editor who typed the document's text. */
/** An awareness frame announcing client 77 with `state` as its JSON text. */
function awarenessFrame(state: string): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Awareness);
    encoding.writeVarUint8Array(
      e,
      frame((inner) => {
        encoding.writeVarUint(inner, 1);
        encoding.writeVarUint(inner, ATTACKER);
        encoding.writeVarUint(inner, 1);
        encoding.writeVarString(inner, state);
      }),
    );
  });
}

const cases: { name: string; data: Uint8Array | string | ((editor: number) => Uint8Array); code: number }[] = [
  { name: 'empty frame', data: new Uint8Array(0), code: CloseCode.ProtocolError },
  { name: 'truncated varint', data: Uint8Array.of(0x80), code: CloseCode.ProtocolError },
  {
    name: 'random bytes',
    data: Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f),
    code: CloseCode.ProtocolError,
  },
  { name: 'unknown message type', data: Uint8Array.of(7, 1, 2, 3), code: CloseCode.ProtocolError },
  { name: 'unknown sync step', data: Uint8Array.of(MessageType.Sync, 9, 0), code: CloseCode.ProtocolError },
  { name: 'sync message without payload', data: Uint8Array.of(MessageType.Sync, 2), code: CloseCode.ProtocolError },
  {
    name: 'payload length past the frame',
    data: Uint8Array.of(MessageType.Sync, 2, 50, 1, 2),
    code: CloseCode.ProtocolError,
  },
  {
    name: 'garbage update',
    data: syncPayload(2, Uint8Array.of(3, 200, 1, 9, 9, 9, 0xff, 0xff)),
    code: CloseCode.UnsupportedData,
  },
  { name: 'truncated update', data: syncPayload(2, truncatedUpdate), code: CloseCode.UnsupportedData },
  {
    name: 'update inserting an empty string',
    data: syncPayload(2, textItemUpdate({ id: [ATTACKER, 0], text: '' })),
    code: CloseCode.UnsupportedData,
  },
  {
    name: 'update deleting a range of length zero',
    data: (editor) => syncPayload(2, deletionUpdate([editor, 2], 0)),
    code: CloseCode.UnsupportedData,
  },
  {
    name: "item placed after its own author's later clock",
    data: (editor) => syncPayload(2, textItemUpdate({ id: [editor, 6], text: 'x', origin: [editor, 9] })),
    code: CloseCode.UnsupportedData,
  },
  {
    name: 'item with the same left and right origin',
    data: (editor) =>
      syncPayload(2, textItemUpdate({ id: [ATTACKER, 0], text: 'x', origin: [editor, 2], rightOrigin: [editor, 2] })),
    code: CloseCode.UnsupportedData,
  },
  {
    // Applies, but no document holding it could be encoded again (every later joiner
    // and compaction would fail, even after a restart).
    name: 'update with an embed nested 20,000 deep',
    data: syncPayload(2, embedUpdate('['.repeat(20_000) + ']'.repeat(20_000))),
    code: CloseCode.UnsupportedData,
  },
  {
    // Applies, but the editor shows a document naming a node type it does not know as empty.
    name: 'update adding a node of a type the editor does not know',
    data: syncPayload(2, unknownNodeUpdate()),
    code: CloseCode.UnsupportedData,
  },
  {
    name: 'garbage sync step 2',
    data: syncPayload(1, Uint8Array.of(1, 1, 1, 1, 0xff)),
    code: CloseCode.UnsupportedData,
  },
  { name: 'garbage state vector', data: syncPayload(0, Uint8Array.of(5, 0xff)), code: CloseCode.UnsupportedData },
  { name: 'awareness with broken JSON', data: awarenessFrame('{"user":'), code: CloseCode.UnsupportedData },
  {
    // Parses, but would overflow the stack when encoded again for the other clients.
    name: 'awareness state nested 2,500 deep',
    data: awarenessFrame('{"a":'.repeat(2_500) + '1' + '}'.repeat(2_500)),
    code: CloseCode.UnsupportedData,
  },
  { name: 'text frame', data: 'hello', code: CloseCode.UnsupportedData },
  { name: 'oversized frame', data: new Uint8Array(70 * 1024), code: CloseCode.TooLarge },
];

describe('malformed frames (SPEC: WebSocket; STYLE §5)', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
  });

  it.each(cases)('$name closes with $code; the document and another editor carry on', async ({ data, code }) => {
    server = await startTestServer({ maxMessageBytes: 64 * 1024 });
    const name = docName();
    const editor = connectClient(server.wsUrl, name);
    clients.push(editor);
    await editor.synced;
    editor.text.insert(0, 'before');
    const observer = connectClient(server.wsUrl, name);
    clients.push(observer);
    await waitFor(() => observer.text.toString() === 'before', { what: 'initial text' });

    const attacker = rawSocket(server.wsUrl, name);
    await attacker.opened;
    attacker.ws.send(typeof data === 'function' ? data(editor.doc.clientID) : data);
    const closed = await attacker.closed;
    expect(closed.code).toBe(code);

    editor.text.insert(6, ' and after');
    await waitFor(() => observer.text.toString() === 'before and after', { what: 'editing continues' });
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);

    const fresh = connectClient(server.wsUrl, name);
    clients.push(fresh);
    await waitFor(() => fresh.text.toString() === 'before and after', { what: 'document unchanged' });
  });

  it('a client that does not read is closed with 1013 while others keep receiving', async () => {
    server = await startTestServer({ maxBufferedBytes: 64 * 1024 });
    const name = docName();
    const slow = rawSocket(server.wsUrl, name);
    await slow.opened;
    const tcp = (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    tcp.pause();
    const writer = connectClient(server.wsUrl, name);
    const reader = connectClient(server.wsUrl, name);
    clients.push(writer, reader);
    await Promise.all([writer.synced, reader.synced]);
    // More than loopback's kernel buffers can absorb, so the server's own queue grows.
    const chunk = 'x'.repeat(64 * 1024);
    const rounds = 400;
    for (let i = 0; i < rounds; i++) writer.doc.getMap('m').set(`k${i}`, chunk);
    await waitFor(() => reader.doc.getMap('m').size === rounds, { timeoutMs: 50_000, what: 'reader has all' });
    tcp.resume();
    const closed = await slow.closed;
    expect(closed.code).toBe(CloseCode.SlowReader);
  });

  it('document names that are empty, too long or contain control characters get HTTP 400', async () => {
    server = await startTestServer();
    for (const path of ['', 'x'.repeat(513), 'bad%00name', 'tab%09name', '%E0%A4%A']) {
      const raw = rawSocket(server.wsUrl, path);
      await expect(raw.opened).rejects.toThrow('HTTP 400');
    }
    const ok = rawSocket(server.wsUrl, encodeURIComponent('team/notes ü'));
    await ok.opened;
    ok.ws.close();
  });
});

describe('the log line of a refused frame (STYLE §5, §6)', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('names the close code and carries the error with its stack', async () => {
    const lines: { code?: number; err?: { type?: string; message?: string; stack?: string } }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number]);
        done();
      },
    });
    server = await startTestServer({ logger: pino({ level: 'warn' }, sink) });
    const attacker = rawSocket(server.wsUrl, docName());
    await attacker.opened;
    attacker.ws.send(frame((e) => encoding.writeVarUint(e, 99)));
    expect((await attacker.closed).code).toBe(CloseCode.ProtocolError);
    const isRefusal = (entry: (typeof lines)[number]): boolean => entry.code === CloseCode.ProtocolError;
    await waitFor(() => lines.some(isRefusal), { what: 'the log line' });
    const line = lines.find(isRefusal);
    expect(line?.err?.type).toBe('ProtocolError');
    expect(line?.err?.stack).toContain('decodeFrame');
  });
});
