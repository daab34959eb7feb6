import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CloseCode, MessageType } from '@quire/shared';
import type { StartOptions } from '../../src/index.js';
import type { TransportTraits } from './transport-client.js';
import { awarenessFrame, frame, syncPayload } from './transport-frames.js';

/**
 * The abuse table (SPEC: WebSocket; STYLE §5): raw bad frames and the close code each one
 * gets, on every transport. A case that only one kind of wire can carry names the trait it
 * `needs` and is registered only for transports that have it.
 */
export interface AbuseCase {
  name: string;
  /** What the attacker sends; `editor` is the client id of whoever typed the document's text. */
  frames: (editor: number) => (Uint8Array | string)[];
  code: number;
  /** Server options beyond the table's own (`maxMessageBytes` 64 KiB). */
  options?: StartOptions;
  needs?: keyof TransportTraits;
}

function validUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

const truncatedUpdate = validUpdate('this update is cut short').slice(0, 12);

type Id = [client: number, clock: number];

const ATTACKER = 77;

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

const one = (data: Uint8Array | string) => (): (Uint8Array | string)[] => [data];

export const ABUSE_CASES: AbuseCase[] = [
  { name: 'empty frame', frames: one(new Uint8Array(0)), code: CloseCode.ProtocolError },
  { name: 'truncated varint', frames: one(Uint8Array.of(0x80)), code: CloseCode.ProtocolError },
  {
    name: 'random bytes',
    frames: one(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f)),
    code: CloseCode.ProtocolError,
  },
  { name: 'unknown message type', frames: one(Uint8Array.of(7, 1, 2, 3)), code: CloseCode.ProtocolError },
  { name: 'unknown sync step', frames: one(Uint8Array.of(MessageType.Sync, 9, 0)), code: CloseCode.ProtocolError },
  {
    name: 'sync message without payload',
    frames: one(Uint8Array.of(MessageType.Sync, 2)),
    code: CloseCode.ProtocolError,
  },
  {
    name: 'payload length past the frame',
    frames: one(Uint8Array.of(MessageType.Sync, 2, 50, 1, 2)),
    code: CloseCode.ProtocolError,
  },
  {
    name: 'garbage update',
    frames: one(syncPayload(2, Uint8Array.of(3, 200, 1, 9, 9, 9, 0xff, 0xff))),
    code: CloseCode.UnsupportedData,
  },
  { name: 'truncated update', frames: one(syncPayload(2, truncatedUpdate)), code: CloseCode.UnsupportedData },
  {
    name: 'update inserting an empty string',
    frames: one(syncPayload(2, textItemUpdate({ id: [ATTACKER, 0], text: '' }))),
    code: CloseCode.UnsupportedData,
  },
  {
    name: 'update deleting a range of length zero',
    frames: (editor) => [syncPayload(2, deletionUpdate([editor, 2], 0))],
    code: CloseCode.UnsupportedData,
  },
  {
    name: "item placed after its own author's later clock",
    frames: (editor) => [syncPayload(2, textItemUpdate({ id: [editor, 6], text: 'x', origin: [editor, 9] }))],
    code: CloseCode.UnsupportedData,
  },
  {
    name: 'item with the same left and right origin',
    frames: (editor) => [
      syncPayload(2, textItemUpdate({ id: [ATTACKER, 0], text: 'x', origin: [editor, 2], rightOrigin: [editor, 2] })),
    ],
    code: CloseCode.UnsupportedData,
  },
  {
    // Applies, but no document holding it could be encoded again (every later joiner
    // and compaction would fail, even after a restart).
    name: 'update with an embed nested 20,000 deep',
    frames: one(syncPayload(2, embedUpdate('['.repeat(20_000) + ']'.repeat(20_000)))),
    code: CloseCode.UnsupportedData,
  },
  {
    // Applies, but the editor shows a document naming a node type it does not know as empty.
    name: 'update adding a node of a type the editor does not know',
    frames: one(syncPayload(2, unknownNodeUpdate())),
    code: CloseCode.UnsupportedData,
  },
  {
    name: 'garbage sync step 2',
    frames: one(syncPayload(1, Uint8Array.of(1, 1, 1, 1, 0xff))),
    code: CloseCode.UnsupportedData,
  },
  {
    name: 'garbage state vector',
    frames: one(syncPayload(0, Uint8Array.of(5, 0xff))),
    code: CloseCode.UnsupportedData,
  },
  {
    name: 'awareness with broken JSON',
    frames: one(awarenessFrame(ATTACKER, 1, '{"user":')),
    code: CloseCode.UnsupportedData,
  },
  {
    // Parses, but would overflow the stack when encoded again for the other clients.
    name: 'awareness state nested 2,500 deep',
    frames: one(awarenessFrame(ATTACKER, 1, '{"a":'.repeat(2_500) + '1' + '}'.repeat(2_500))),
    code: CloseCode.UnsupportedData,
  },
  { name: 'text frame', frames: one('hello'), code: CloseCode.UnsupportedData, needs: 'textFrames' },
  {
    // WebSocket: over ws's maxPayload; HTTP: a frame over the limit inside a batch that is not (413).
    name: 'oversized frame',
    frames: one(new Uint8Array(70 * 1024)),
    code: CloseCode.TooLarge,
  },
  {
    // The frames after the close are dropped unread: one log line, not one per frame (issue 18).
    name: 'a flood of 2,000 tiny frames past the rate limit',
    frames: () => Array.from({ length: 2000 }, () => Uint8Array.of(MessageType.QueryAwareness)),
    code: CloseCode.RateLimited,
    options: { maxMessagesPerSecond: 10 },
  },
];
