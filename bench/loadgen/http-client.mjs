// The load generators' client for Quire's HTTP transport (README: When WebSockets are
// blocked): server frames arrive as server-sent events (`event: frame`, base64), the
// client's frames go out as POSTs of length-prefixed frames. Only the transport differs
// from YClient, so sync, awareness, acks and latency hooks are YClient's own. Like the web
// editor's provider it keeps one POST in flight and queues frames meanwhile, so a fast
// typist costs a request per round trip, not per keystroke.
import * as encoding from 'lib0/encoding';
import { YClient } from './yclient.mjs';

// The server drops a client that has not posted for three of its 10 s heartbeats.
const HEARTBEAT_MS = 10_000;
// Batches sent back to back by one flush before it yields to the event loop; a guard, since
// editors keep queueing while a POST is in flight.
const MAX_BATCHES_PER_FLUSH = 1000;

export class HttpClient extends YClient {
  constructor(options) {
    super(options);
    this.queue = [];
    this.queuedBytes = 0;
    this.posting = false;
    this.closed = false;
    this.session = undefined;
    this.posts = 0;
    this.lastPostAt = 0;
  }

  connect(query, fail) {
    this.eventsUrl = `${this.options.httpUrl}/api/docs/${encodeURIComponent(this.options.docName)}/events`;
    this.abort = new AbortController();
    this.reading = this.readStream(`${this.eventsUrl}${query}`).then(
      () => this.markClosed(),
      (err) => {
        // Aborting our own stream (close) is not a failure.
        if (!this.closed) fail(err);
        this.markClosed();
      },
    );
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastPostAt >= HEARTBEAT_MS) void this.flush(true);
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async readStream(url) {
    const res = await fetch(url, { signal: this.abort.signal, headers: { accept: 'text/event-stream' } });
    if (res.status !== 200) throw new Error(`event stream: HTTP ${res.status} (${this.options.docName})`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk, { stream: true });
      // Events end with a blank line; the server writes plain `\n` line ends.
      for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
        this.onEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  onEvent(block) {
    let name = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) name = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
    }
    const text = data.join('\n');
    if (name === 'frame') this.receive(Buffer.from(text, 'base64'));
    else if (name === 'session') {
      this.session = text;
      this.onTransportOpen();
    } else if (name === 'close') {
      this.closeInfo = text;
      this.markClosed();
    }
  }

  get isOpen() {
    return this.session !== undefined && !this.closed;
  }

  get isClosed() {
    return this.closed;
  }

  get bufferedAmount() {
    return this.queuedBytes;
  }

  /** Queues a frame; frames before the `session` event wait for it. */
  sendRaw(frame) {
    if (this.closed) return;
    this.queue.push(frame);
    this.queuedBytes += frame.byteLength;
    void this.flush(false);
  }

  /** Posts everything queued, one request at a time; `heartbeat` posts even an empty body. */
  async flush(heartbeat) {
    if (this.posting || this.session === undefined || this.closed) return;
    if (this.queue.length === 0 && !heartbeat) return;
    this.posting = true;
    try {
      for (let i = 0; i < MAX_BATCHES_PER_FLUSH && !this.closed; i++) {
        if (i > 0 && this.queue.length === 0) break;
        const frames = this.queue;
        this.queue = [];
        this.queuedBytes = 0;
        const encoder = encoding.createEncoder();
        for (const frame of frames) encoding.writeVarUint8Array(encoder, frame);
        this.lastPostAt = Date.now();
        const res = await fetch(`${this.eventsUrl}/${this.session}`, {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream' },
          body: encoding.toUint8Array(encoder),
        });
        await res.arrayBuffer();
        this.posts++;
        if (res.status !== 204) throw new Error(`POST: HTTP ${res.status} (${this.options.docName})`);
      }
    } catch (err) {
      // The load generator's stderr goes to loadgen.log; missing deliveries show in the table.
      if (!this.closed) process.stderr.write(`http-client: ${err.message}\n`);
      this.markClosed();
    } finally {
      this.posting = false;
    }
    if (this.queue.length > 0 && !this.closed) setImmediate(() => void this.flush(false));
  }

  markClosed() {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.abort?.abort();
    this.notify();
  }

  /** Ends the stream; the server ends the session (and its presence) when it sees that. */
  async close() {
    this.markClosed();
    await this.reading;
  }

  destroy() {
    this.markClosed();
    this.doc.destroy();
  }
}
