// Opens many clients with a bounded number of handshakes in flight. A spec with
// `transport: 'http'` gets the HTTP-transport client, `protocol: 'hocuspocus'` Hocuspocus'
// framing, any other a y-websocket one.
import { HocuspocusClient } from './hocuspocus-client.mjs';
import { HttpClient } from './http-client.mjs';
import { YClient } from './yclient.mjs';

/** The client class for `options`. */
export function clientFor(options) {
  if (options.transport === 'http') return new HttpClient(options);
  return options.protocol === 'hocuspocus' ? new HocuspocusClient(options) : new YClient(options);
}

/** Opens a client per spec; resolves with the clients and the failures (never throws). */
export async function openAll(specs, { concurrency, base }) {
  const clients = new Array(specs.length);
  const failures = [];
  let next = 0;
  async function worker() {
    while (next < specs.length) {
      const index = next++;
      const options = { ...base, ...specs[index] };
      const client = clientFor(options);
      clients[index] = client;
      try {
        await client.open();
      } catch (err) {
        failures.push(`${specs[index].docName}: ${err.message}`);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, specs.length) }, worker));
  return { clients, failures };
}
