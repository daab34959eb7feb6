// Load-generator role that fills documents with text before a scenario (idle scenario:
// 500 documents of about 2 KB), typed in chunks and waited on until the server has it.
import { YClient } from './yclient.mjs';
import { countingEchoes, waitDurable } from './durable.mjs';

const WORDS = 'the quick brown fox jumps over a lazy dog while quire keeps every keystroke safe'.split(' ');

function prose(length) {
  let text = '';
  for (let i = 0; text.length < length && i < 10_000; i++) text += `${WORDS[i % WORDS.length]} `;
  return text.slice(0, length);
}

export function createPopulate() {
  return {
    async populate({ wsUrl, kind, docNames, bytesPerDoc, chunkBytes, concurrency }) {
      let next = 0;
      const failures = [];
      const chunk = prose(chunkBytes);
      async function fill(docName) {
        const client = new YClient(
          countingEchoes({ wsUrl, docName, wantsAck: kind === 'quire', appliesRemote: false }),
        );
        try {
          await client.open();
          const edits = Math.ceil(bytesPerDoc / chunkBytes);
          for (let i = 0; i < edits; i++) client.text.insert(client.text.length, chunk);
          await waitDurable(client, kind, edits);
          await client.close();
        } catch (err) {
          failures.push(`${docName}: ${err.message}`);
        } finally {
          client.destroy();
        }
      }
      async function worker() {
        while (next < docNames.length) await fill(docNames[next++]);
      }
      await Promise.all(Array.from({ length: Math.min(concurrency, docNames.length) }, worker));
      return { failures };
    },
  };
}
