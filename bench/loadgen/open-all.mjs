// Opens many clients with a bounded number of handshakes in flight.
import { YClient } from './yclient.mjs';

/** Opens a client per spec; resolves with the clients and the failures (never throws). */
export async function openAll(specs, { concurrency, base }) {
  const clients = new Array(specs.length);
  const failures = [];
  let next = 0;
  async function worker() {
    while (next < specs.length) {
      const index = next++;
      const client = new YClient({ ...base, ...specs[index] });
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
