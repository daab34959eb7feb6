// Load-generator role that fills documents with text before a scenario (idle scenario:
// 500 documents of about 2 KB), typed in chunks and waited on until the server has it.
import { forEachLimited, typeDurably } from './durable.mjs';

const WORDS = 'the quick brown fox jumps over a lazy dog while quire keeps every keystroke safe'.split(' ');

function prose(length) {
  let text = '';
  for (let i = 0; text.length < length && i < 10_000; i++) text += `${WORDS[i % WORDS.length]} `;
  return text.slice(0, length);
}

export function createPopulate() {
  return {
    async populate({ wsUrl, kind, docNames, bytesPerDoc, chunkBytes, concurrency }) {
      const chunk = prose(chunkBytes);
      const texts = Array.from({ length: Math.ceil(bytesPerDoc / chunkBytes) }, () => chunk);
      const failures = await forEachLimited(docNames, concurrency, (docName) =>
        typeDurably({ wsUrl, kind, docName, texts }),
      );
      return { failures };
    },
  };
}
