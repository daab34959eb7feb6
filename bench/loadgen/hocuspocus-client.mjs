// The load generators' client for Hocuspocus: the same Yjs sync and awareness messages as
// the y-websocket protocol, but every frame starts with the document's name (one socket may
// carry several documents), and a document is served only after an authentication message
// (Hocuspocus without an onAuthenticate hook accepts any token). Only the framing differs
// from YClient, so sync, awareness and latency hooks are YClient's own; Hocuspocus' own
// messages (authenticated, sync status, ...) are skipped.
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { MESSAGE_AWARENESS, MESSAGE_SYNC, YClient } from './yclient.mjs';

const MESSAGE_AUTH = 2;
const AUTH_TOKEN = 0;

export class HocuspocusClient extends YClient {
  connect(_query, fail) {
    // Hocuspocus routes by the name inside each frame, not by the URL.
    this.ws = new WebSocket(this.options.wsUrl, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('message', (data) => this.receiveFramed(data));
    this.ws.on('close', () => this.notify());
    this.ws.once('error', fail);
    this.ws.once('open', () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, this.options.docName);
      encoding.writeVarUint(encoder, MESSAGE_AUTH);
      encoding.writeVarUint(encoder, AUTH_TOKEN);
      encoding.writeVarString(encoder, 'bench');
      this.ws.send(encoding.toUint8Array(encoder));
      this.onTransportOpen();
    });
  }

  sendRaw(frame) {
    if (!this.isOpen) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.options.docName);
    encoding.writeUint8Array(encoder, frame);
    this.ws.send(encoding.toUint8Array(encoder));
  }

  receiveFramed(data) {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const decoder = decoding.createDecoder(bytes);
    decoding.readVarString(decoder);
    const body = bytes.subarray(decoder.pos);
    const type = decoding.readVarUint(decoding.createDecoder(body));
    if (type === MESSAGE_SYNC || type === MESSAGE_AWARENESS) this.receive(body);
  }
}
