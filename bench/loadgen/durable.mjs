// How a load generator knows its edits were taken by the server: Quire acknowledges what
// is on disk (message 100, `?ack=1`); the reference echoes every update back to its
// sender once applied (its LevelDB write is not awaited by anyone, so the echo is the
// best it offers); the relay offers nothing.
import * as Y from 'yjs';
import { YClient } from './yclient.mjs';

// The reference keeps writing long after its client stops; on a busy machine that passes 2 minutes.
const DURABLE_TIMEOUT_MS = 300_000;

export function waitDurable(client, kind, echoesExpected) {
  if (kind === 'quire') {
    const clock = Y.getState(client.doc.store, client.doc.clientID);
    return client.waitFor(() => client.isAcked(client.doc.clientID, clock), DURABLE_TIMEOUT_MS);
  }
  if (kind === 'reference') return client.waitFor(() => client.echoes >= echoesExpected, DURABLE_TIMEOUT_MS);
  return Promise.resolve();
}

/** Client options that count the server's echoes of the client's own updates. */
export function countingEchoes(options) {
  return {
    ...options,
    onRemoteUpdate: (_update, _receivedAt, client) => {
      client.echoes = (client.echoes ?? 0) + 1;
    },
  };
}

/**
 * Opens `docName`, appends `texts` one update each, waits until the server has taken them
 * and leaves. Resolves to an error message, or undefined on success.
 */
export async function typeDurably({ wsUrl, kind, docName, texts }) {
  const client = new YClient(countingEchoes({ wsUrl, docName, wantsAck: kind === 'quire', appliesRemote: false }));
  try {
    await client.open();
    for (const text of texts) client.text.insert(client.text.length, text);
    await waitDurable(client, kind, texts.length);
    await client.close();
    return undefined;
  } catch (err) {
    return `${docName}: ${err.message}`;
  } finally {
    client.destroy();
  }
}

/** Runs `task` over `items` with at most `concurrency` at a time; returns the failures. */
export async function forEachLimited(items, concurrency, task) {
  const failures = [];
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const failure = await task(items[next++]);
      if (failure) failures.push(failure);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return failures;
}
