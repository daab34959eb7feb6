// Load-generator role for the churn scenario: documents opened in turn by a client that
// types a little, waits until the server has taken it, and leaves.
import { now } from './yclient.mjs';
import { forEachLimited, typeDurably } from './durable.mjs';

export function createChurn() {
  return {
    async churn({ wsUrl, kind, prefix, from, count, editsPerDoc, concurrency }) {
      const startedAt = now();
      const docNames = Array.from({ length: count }, (_, i) => `${prefix}-${from + i}`);
      const failures = await forEachLimited(docNames, concurrency, (docName) =>
        typeDurably({
          wsUrl,
          kind,
          docName,
          texts: Array.from({ length: editsPerDoc }, (_, i) => `edit ${i} of ${docName}. `),
        }),
      );
      return { ms: now() - startedAt, failures };
    },
  };
}
