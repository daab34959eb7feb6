// Load-generator role for the churn scenario: documents opened in turn by a client that
// types a little, waits until the server has taken it, and leaves.
import { YClient, now } from './yclient.mjs';
import { countingEchoes, waitDurable } from './durable.mjs';

export function createChurn() {
  return {
    async churn({ wsUrl, kind, prefix, from, count, editsPerDoc, concurrency }) {
      const startedAt = now();
      const failures = [];
      let next = from;
      async function visit(docName) {
        const client = new YClient(
          countingEchoes({ wsUrl, docName, wantsAck: kind === 'quire', appliesRemote: false }),
        );
        try {
          await client.open();
          for (let i = 0; i < editsPerDoc; i++) client.text.insert(client.text.length, `edit ${i} of ${docName}. `);
          await waitDurable(client, kind, editsPerDoc);
          await client.close();
        } catch (err) {
          failures.push(`${docName}: ${err.message}`);
        } finally {
          client.destroy();
        }
      }
      async function worker() {
        while (next < from + count) await visit(`${prefix}-${next++}`);
      }
      await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
      return { ms: now() - startedAt, failures };
    },
  };
}
