// Load-generator role for the trace scenario: replays a real concurrent editing trace live,
// one client per author of the trace, all in this process. Each author sends its
// transactions in order, as fast as the trace allows: a transaction typed after some of
// another author's waits until this author's client has received them through the server.
// So the replay's duration is mostly the number of such hand-overs times the time the
// server takes to pass an edit from one author to the other.
import * as Y from 'yjs';
import { openAll } from './open-all.mjs';
import { authorId, traceSteps } from './trace-steps.mjs';
import { now } from './yclient.mjs';

const REPLAY_TIMEOUT_MS = 600_000;
const REPLAYED = Symbol('replayed');

export function createTrace() {
  let trace;
  return {
    prepare({ file, limit }) {
      trace = traceSteps(file, limit);
      return { steps: trace.steps.length, agents: trace.agents, chars: trace.text.length };
    },
    async replay({ wsUrl, httpUrl, isRelay, protocol, docName }) {
      const { agents, steps, clocks, text } = trace;
      const specs = Array.from({ length: agents }, () => ({ docName }));
      const { clients, failures } = await openAll(specs, {
        concurrency: agents,
        base: { wsUrl, httpUrl, isRelay, protocol, appliesRemote: true },
      });
      if (failures.length > 0) return { failures };
      // Whether `client` has received the first needs[b] transactions of every author b.
      const has = (client, needs) =>
        needs.every((count, b) => count === 0 || Y.getState(client.doc.store, authorId(b)) >= clocks[b][count]);
      let waits = 0;
      const author = async (client, agent) => {
        for (const step of steps) {
          if (step.agent !== agent) continue;
          if (!has(client, step.needs)) {
            waits++;
            await client.waitFor(() => has(client, step.needs), REPLAY_TIMEOUT_MS);
          }
          // Not the client's remote origin, so YClient sends the update this applies.
          Y.applyUpdate(client.doc, step.update, REPLAYED);
        }
      };
      const startedAt = now();
      await Promise.all(clients.map((client, agent) => author(client, agent)));
      const everything = clocks.map((list) => list.length - 1);
      await Promise.all(clients.map((client) => client.waitFor(() => has(client, everything), REPLAY_TIMEOUT_MS)));
      const seconds = (now() - startedAt) / 1000;
      const texts = clients.map((client) => client.text.toString());
      await Promise.all(clients.map((client) => client.close()));
      for (const client of clients) client.destroy();
      const wrong = texts.filter((got) => got !== text).length;
      if (wrong > 0) return { failures: [`${wrong} of ${agents} authors ended with a different text`] };
      return { seconds, waits, failures: [] };
    },
  };
}
