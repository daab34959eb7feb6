import * as encoding from 'lib0/encoding';
import { HTTP_HEARTBEAT_MS, MAX_FRAMES_PER_BATCH } from '@quire/shared';
import {
  ABNORMAL_CLOSURE,
  NO_STATUS,
  queryOf,
  type MakeTransportClient,
  type RawConnection,
} from './transport-client.js';

/**
 * The HTTP transport as a raw client (SPEC: When WebSockets are blocked): `GET
 * /api/docs/:name/events` is read as server-sent events (the first names the session,
 * `frame` carries a frame in base64, `close` the close code), and frames go up as POSTs of
 * length-prefixed frames. POSTs are sent one after another, each with every frame queued
 * since the last one (at most MAX_FRAMES_PER_BATCH, as the web client does), so the server
 * gets frames in the order they were sent.
 */
interface SseEvent {
  name: string;
  data: string;
}

function batchOf(frames: Uint8Array[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const frame of frames) encoding.writeVarUint8Array(encoder, frame);
  return encoding.toUint8Array(encoder);
}

/** Splits the stream into events; `gate` is awaited before each read (a paused reader reads nothing). */
async function* readEvents(
  body: ReadableStream<Uint8Array>,
  gate: () => Promise<void>,
): AsyncGenerator<SseEvent, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    await gate();
    const { value, done } = await reader.read();
    if (done) return;
    text += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = text.indexOf('\n\n')) >= 0) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      yield { name: /^event: (.*)$/m.exec(block)?.[1] ?? '', data: /^data: (.*)$/m.exec(block)?.[1] ?? '' };
    }
  }
}

export const httpTransportClient: MakeTransportClient = ({ url }) => ({
  connect(docName, params = {}) {
    const base = `${url}/api/docs/${encodeURIComponent(docName)}/events`;
    const abort = new AbortController();
    const frames: Uint8Array[] = [];
    const queued: Uint8Array[] = [];
    let sessionUrl: string | undefined;
    let isPosting = false;
    let isClosedHere = false;
    let paused: { promise: Promise<void>; resume(): void } | undefined;

    const flush = async (): Promise<void> => {
      if (isPosting || sessionUrl === undefined || queued.length === 0) return;
      isPosting = true;
      const batch = queued.splice(0, MAX_FRAMES_PER_BATCH);
      // A refused batch (413, 404 after a close) is the server's answer; the close code arrives on the stream.
      await fetch(sessionUrl, { method: 'POST', body: batchOf(batch), signal: abort.signal })
        .then((res) => res.arrayBuffer())
        .catch(() => undefined);
      isPosting = false;
      await flush();
    };
    // An idle client posts an empty batch now and then, or the server takes it for gone.
    const heartbeat = setInterval(() => {
      if (sessionUrl !== undefined && !isPosting)
        void fetch(sessionUrl, { method: 'POST', signal: abort.signal }).catch(() => undefined);
    }, HTTP_HEARTBEAT_MS / 2);
    heartbeat.unref();

    let accept: () => void = () => undefined;
    let refuse: (err: Error) => void = () => undefined;
    const opened = new Promise<void>((resolve, reject) => {
      accept = resolve;
      refuse = reject;
    });
    opened.catch(() => undefined);

    const run = async (): Promise<{ code: number; reason: string }> => {
      const res = await fetch(`${base}${queryOf(params)}`, { signal: abort.signal });
      if (!res.ok || !res.body) {
        refuse(new Error(`HTTP ${res.status}`));
        await res.arrayBuffer();
        return { code: ABNORMAL_CLOSURE, reason: `HTTP ${res.status}` };
      }
      let close = { code: ABNORMAL_CLOSURE, reason: '' };
      for await (const event of readEvents(res.body, () => paused?.promise ?? Promise.resolve())) {
        if (event.name === 'session') {
          sessionUrl = `${base}/${event.data}`;
          accept();
          void flush();
        } else if (event.name === 'frame') frames.push(new Uint8Array(Buffer.from(event.data, 'base64')));
        else if (event.name === 'close') close = JSON.parse(event.data) as typeof close;
      }
      return close;
    };
    const closed = run()
      .catch(() => ({ code: ABNORMAL_CLOSURE, reason: '' }))
      .then((close) => {
        clearInterval(heartbeat);
        refuse(new Error('stream ended before the session was named'));
        return isClosedHere ? { code: NO_STATUS, reason: '' } : close;
      });

    const connection: RawConnection = {
      opened,
      frames,
      closed,
      send: (frame) => {
        queued.push(frame);
        void flush();
      },
      close: () => {
        isClosedHere = true;
        abort.abort();
      },
      pauseReading: () => {
        let resume: () => void = () => undefined;
        paused ??= { promise: new Promise<void>((resolve) => (resume = resolve)), resume: () => resume() };
      },
      resumeReading: () => {
        paused?.resume();
        paused = undefined;
      },
    };
    return connection;
  },
});
