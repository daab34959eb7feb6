/**
 * A webhook receiver for Quire (docs/webhooks.md). It checks each request's Standard
 * Webhooks signature with the `standardwebhooks` package, over the raw body, before trusting
 * anything in it; answers 204 quickly (Quire waits at most 10 s); and drops repeats by their
 * `webhook-id`, since delivery is at least once.
 *
 *   WEBHOOK_SECRET=whsec_… PORT=4000 node examples/webhook-receiver/server.mjs
 *   quire serve --webhook-url http://127.0.0.1:4000/quire-events --webhook-secret whsec_…
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { Webhook } from 'standardwebhooks';

const MAX_BODY_BYTES = 1024 * 1024;
/** Ids seen lately; a real app would keep them in its database next to what the event changed. */
const MAX_REMEMBERED = 10_000;

/**
 * Starts the receiver; `onEvent` gets each verified event once. Resolves to the server.
 * @param {{ secret: string, port?: number, host?: string, onEvent?: (event: any) => void }} options
 */
export function startReceiver({ secret, port = 4000, host = '127.0.0.1', onEvent = logEvent }) {
  const verifier = new Webhook(secret);
  const seen = new Set();
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/quire-events') return void res.writeHead(404).end();
    readBody(req).then(
      (body) => {
        let event;
        try {
          event = verifier.verify(body, req.headers);
        } catch {
          return void res.writeHead(401).end('bad signature');
        }
        const id = req.headers['webhook-id'];
        if (!seen.has(id)) {
          remember(seen, id);
          onEvent(event);
        }
        res.writeHead(204).end();
      },
      () => res.writeHead(413).end(),
    );
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function remember(seen, id) {
  seen.add(id);
  if (seen.size > MAX_REMEMBERED) seen.delete(seen.values().next().value);
}

function logEvent(event) {
  const { type, data } = event;
  if (type === 'document.changed') {
    console.log(`${data.name} changed by ${data.users.join(', ') || 'someone'} (${data.size} bytes)`);
  } else {
    console.log(`${type}: ${data.name}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const secret = process.env.WEBHOOK_SECRET;
  if (!secret) {
    console.error('set WEBHOOK_SECRET (the same whsec_… secret as quire serve --webhook-secret)');
    process.exit(2);
  }
  const port = Number(process.env.PORT ?? 4000);
  await startReceiver({ secret, port });
  console.log(`listening on http://127.0.0.1:${port}/quire-events`);
}
