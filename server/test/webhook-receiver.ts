import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/**
 * A webhook receiver for tests: a real HTTP server on a random loopback port that records
 * every request, and misbehaves on demand: answers 500, never answers, or is down (closed,
 * and later listening again on the same port).
 */
export const TEST_WEBHOOK_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

export type ReceiverMode = 'ok' | 'fail' | 'hang';

export interface ReceivedEvent {
  headers: Record<string, string>;
  body: string;
  /** The parsed event, verified with the Standard Webhooks library; undefined if it failed. */
  event: { type: string; timestamp: string; data: Record<string, unknown> & { name: string } } | undefined;
}

export interface TestReceiver {
  url: string;
  /** Requests answered with 2xx, in arrival order. */
  delivered: ReceivedEvent[];
  /** Every request that arrived, whatever the answer. */
  attempts: ReceivedEvent[];
  mode: ReceiverMode;
  /** Stops listening (connections are refused) until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(secret = TEST_WEBHOOK_SECRET): Promise<TestReceiver> {
  const verifier = new Webhook(secret);
  const hanging = new Set<ServerResponse>();
  let server: Server | undefined;
  const receiver: TestReceiver = {
    url: '',
    delivered: [],
    attempts: [],
    mode: 'ok',
    down: async () => {
      for (const res of hanging) res.destroy();
      await closeServer(server);
      server = undefined;
    },
    up: async () => {
      server = await listen(handle, portOf(receiver.url));
    },
    close: () => receiver.down(),
  };
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const received = record(req, body, verifier);
      receiver.attempts.push(received);
      if (receiver.mode === 'hang') {
        hanging.add(res);
        return;
      }
      if (receiver.mode === 'fail') {
        res.writeHead(500).end('broken');
        return;
      }
      receiver.delivered.push(received);
      res.writeHead(204).end();
    });
  };
  server = await listen(handle, 0);
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
}

function record(req: IncomingMessage, body: string, verifier: Webhook): ReceivedEvent {
  const headers = Object.fromEntries(Object.entries(req.headers).map(([key, value]) => [key, String(value)]));
  let event: ReceivedEvent['event'];
  try {
    event = verifier.verify(body, headers) as ReceivedEvent['event'];
  } catch {
    event = undefined;
  }
  return { headers, body, event };
}

function portOf(url: string): number {
  return Number(new URL(url).port);
}

function listen(handle: (req: IncomingMessage, res: ServerResponse) => void, port: number): Promise<Server> {
  const server = createServer(handle);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function closeServer(server: Server | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A metric's value from a server's `/metrics`, undefined if absent. */
export async function metric(url: string, name: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Replaces (or creates) `name` with Markdown over the HTTP API of an open server. */
export const putMarkdown = (url: string, name: string, body: string): Promise<Response> =>
  fetch(`${url}/api/docs/${encodeURIComponent(name)}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'text/markdown' },
    body,
  });

/** `quire serve` flags that send every event to `receiver` at once (no debounce). */
export function webhookArgs(receiver: TestReceiver): string[] {
  return ['--webhook-url', receiver.url, '--webhook-secret', TEST_WEBHOOK_SECRET, '--webhook-debounce-ms', '0'];
}
