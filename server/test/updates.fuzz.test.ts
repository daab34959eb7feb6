import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '@quire/shared';
import { docName, startTestServer, type TestServer } from './helpers.js';
import { expectDocumentOpens, putMarkdown, stateOf, typingUpdate, updateFrom } from './doc-checks.js';
import { ALL_KINDS_MARKDOWN, recordEditorHistory } from './editor-updates.js';
import { mutationArb } from './update-mutations.js';
import { postUpdate, sendOverHttp, sendOverWebSocket, type UpdateSender } from './update-senders.js';

/**
 * Issue #18 fuzz: real editor documents (every node kind), changed by seeded
 * structure-aware mutations (`update-mutations.ts`) and sent over the WebSocket, the HTTP
 * transport and POST /updates in turn. Whatever the server accepts, every format still
 * renders, a fresh editor still opens the document and takes an edit, also after a
 * restart on the same data. `FUZZ_SEED` replays a run; `FUZZ_RUNS` (default 6) sets how
 * many; `npm run fuzz` runs many.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
/** A run takes a second or two, a few on a loaded machine. */
const RUN_TIMEOUT_MS = 20_000;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const postAsClient: UpdateSender = async ({ url }, name, update) =>
  (await postUpdate(url, name, update)) === 400 ? CloseCode.UnsupportedData : null;
const SENDERS: UpdateSender[] = [sendOverWebSocket, sendOverHttp, postAsClient];
const history = recordEditorHistory();

describe(`update fuzz (issue #18; FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS})`, () => {
  it(
    'no accepted update stops a document from rendering, opening or taking edits, before or after a restart',
    async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: history.updates.length }),
          fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
          async (realEdits, mutations) => {
            const send = SENDERS[run++ % SENDERS.length]!;
            const name = docName();
            await putMarkdown(server.url, name, ALL_KINDS_MARKDOWN);
            if (realEdits > 0) {
              expect(await send(server, name, Y.mergeUpdates(history.updates.slice(0, realEdits)))).toBeNull();
            }
            for (const mutation of mutations) {
              const outcome = await send(server, name, updateFrom(await stateOf(server.url, name), mutation));
              expect([null, CloseCode.UnsupportedData]).toContain(outcome);
            }
            await expectOpensAndEdits(name, send);
            server = await server.restart();
            await expectOpensAndEdits(name, send);
          },
        ),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    },
    RUNS * RUN_TIMEOUT_MS,
  );
});

async function expectOpensAndEdits(name: string, send: UpdateSender): Promise<void> {
  await expectDocumentOpens(server.url, name);
  const typed = typingUpdate(await stateOf(server.url, name), ' fuzz');
  expect(await send(server, name, typed)).toBeNull();
  expect(await expectDocumentOpens(server.url, name)).toContain('fuzz');
}
