import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '@quire/shared';
import { docName, startTestServer, TEST_SECRET, type TestServer } from './helpers.js';
import { commentMutationArb } from './comment-mutations.js';
import {
  call,
  commentsPath,
  createDoc,
  stateOf as commentStateOf,
  textOf,
  threadsOf,
  tokenFor,
  updateOf,
} from './comment-helpers.js';
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

const COMMENT_SENDERS: UpdateSender[] = [sendOverWebSocket, sendOverHttp];
const MALLORY = { sub: 'mallory', name: 'Mallory' };

describe(`comment update fuzz (SPEC: Comments; FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS})`, () => {
  it(
    "whatever a commenter sends, the text never changes, nobody else's comment is touched and comments still list",
    async () => {
      const tokenServer = await startTestServer({ authSecret: TEST_SECRET });
      const token = await tokenFor('comment', MALLORY.sub, MALLORY.name);
      let run = 0;
      try {
        await fc.assert(
          fc.asyncProperty(fc.array(commentMutationArb, { minLength: 1, maxLength: 4 }), async (mutations) => {
            const send = COMMENT_SENDERS[run++ % COMMENT_SENDERS.length]!;
            const name = docName();
            await createDoc(tokenServer, name, 'Hello brave new world');
            const owner = await tokenFor('comment', 'owner', 'Owner');
            const body = { quote: 'brave', body: 'mine' };
            await call(tokenServer, commentsPath(name), { token: owner, method: 'POST', body });
            for (const mutation of mutations) {
              const update = updateOf(await commentStateOf(tokenServer, name), (doc) => mutation(doc, MALLORY));
              expect([null, CloseCode.UnsupportedData]).toContain(await send(tokenServer, name, update, token));
            }
            expect(await textOf(tokenServer, name)).toBe('Hello brave new world');
            const comments = (await threadsOf(tokenServer, name)).flatMap((thread) => thread.comments);
            expect(comments.filter((c) => c.author.sub === 'owner').map((c) => [c.author.name, c.body])).toEqual([
              ['Owner', 'mine'],
            ]);
            expect(comments.filter((c) => c.author.sub !== 'owner').every((c) => c.author.name === MALLORY.name)).toBe(
              true,
            );
          }),
          { seed: SEED, numRuns: RUNS * 2, endOnFailure: true },
        );
      } finally {
        await tokenServer.close();
      }
    },
    RUNS * 2 * RUN_TIMEOUT_MS,
  );
});
