import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeUpdate } from '../src/protocol/encode.js';
import { rawSocket } from './helpers.js';

/**
 * Sends one Yjs update to a real server the way a client would, and resolves to the close
 * code it was refused with, or null once the server has handled it (it answered the sync
 * step 1 sent right behind it; frames of one connection are handled in order).
 */
export type UpdateSender = (
  base: { url: string; wsUrl: string },
  docName: string,
  update: Uint8Array,
  /** Access token, for servers started with a secret. */
  token?: string,
) => Promise<number | null>;

const isSyncReply = (frame: Uint8Array): boolean => frame[0] === 0 && frame[1] === 1;
const probe = (): Uint8Array => encodeSyncStep1(Y.encodeStateVector(new Y.Doc()));

export const sendOverWebSocket: UpdateSender = async ({ wsUrl }, docName, update, token) => {
  const socket = rawSocket(wsUrl, token === undefined ? docName : `${docName}?token=${token}`);
  await socket.opened;
  const before = socket.messages.length;
  socket.ws.send(encodeUpdate(update));
  socket.ws.send(probe());
  // rawSocket records each message before this listener runs, so `check` sees it.
  const answered = new Promise<null>((resolve) => {
    const check = (): void => {
      if (!socket.messages.slice(before).some(isSyncReply)) return;
      socket.ws.off('message', check);
      resolve(null);
    };
    socket.ws.on('message', check);
    check();
  });
  const outcome = await Promise.race([answered, socket.closed.then(({ code }) => code)]);
  socket.ws.close();
  return outcome;
};

/** The HTTP transport: an event stream for what the server sends, POSTs for the frames. */
export const sendOverHttp: UpdateSender = async ({ url }, docName, update, token) => {
  const abort = new AbortController();
  const query = token === undefined ? '' : `?token=${token}`;
  const res = await fetch(`${url}/api/docs/${encodeURIComponent(docName)}/events${query}`, { signal: abort.signal });
  if (!res.body) throw new Error(`event stream answered ${res.status}`);
  const events = readEvents(res.body.getReader());
  try {
    const session = await nextEvent(events, (event) => event.name === 'session');
    const body = encoding.createEncoder();
    encoding.writeVarUint8Array(body, encodeUpdate(update));
    encoding.writeVarUint8Array(body, probe());
    await fetch(`${url}/api/docs/${encodeURIComponent(docName)}/events/${session.data}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: encoding.toUint8Array(body),
    });
    const outcome = await nextEvent(
      events,
      (event) => event.name === 'close' || (event.name === 'frame' && isSyncReply(Buffer.from(event.data, 'base64'))),
    );
    return outcome.name === 'close' ? (JSON.parse(outcome.data) as { code: number }).code : null;
  } finally {
    abort.abort();
  }
};

interface SseEvent {
  name: string;
  data: string;
}

async function* readEvents(reader: ReadableStreamDefaultReader<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    text += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = text.indexOf('\n\n')) >= 0) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const name = /^event: (.*)$/m.exec(block)?.[1] ?? '';
      yield { name, data: /^data: (.*)$/m.exec(block)?.[1] ?? '' };
    }
  }
}

async function nextEvent(events: AsyncGenerator<SseEvent>, wanted: (event: SseEvent) => boolean): Promise<SseEvent> {
  // Not `for await`: leaving that loop would end the stream for the next call.
  for (let next = await events.next(); !next.done; next = await events.next()) {
    if (wanted(next.value)) return next.value;
  }
  throw new Error('event stream ended');
}

/** POST /api/docs/:name/updates; resolves to the HTTP status. */
export async function postUpdate(url: string, docName: string, update: Uint8Array): Promise<number> {
  const res = await fetch(`${url}/api/docs/${encodeURIComponent(docName)}/updates`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: update,
  });
  await res.arrayBuffer();
  return res.status;
}
