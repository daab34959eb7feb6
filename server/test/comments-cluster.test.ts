import { describe, expect, it } from 'vitest';
import { CloseCode, type ThreadView } from '@quire/shared';
import { readThreads } from '@quire/shared/comments';
import {
  docName,
  HAS_REDIS,
  startTestServer,
  TEST_SECRET,
  useClients,
  useRedis,
  useServers,
  waitFor,
} from './helpers.js';
import { sendOverWebSocket } from './update-senders.js';
import {
  call,
  commentsPath,
  createDoc,
  stateOf,
  startThread,
  threadsOf,
  tokenFor,
  updateOf,
} from './comment-helpers.js';

/** SPEC: Comments, Cluster mode — comments made on one instance show on another; forged ones reach none. */
const servers = useServers();
const redis = useRedis();
const clients = useClients();

describe.skipIf(!HAS_REDIS)('comments in cluster mode (SPEC: Comments, Cluster mode)', () => {
  it('a thread started through one instance reaches editors and REST on another; a forged one reaches nobody', async () => {
    const { url: redisUrl } = await redis.start();
    const [a, b] = await Promise.all(
      [0, 1].map(async () => servers.track(await startTestServer({ authSecret: TEST_SECRET, redisUrl }))),
    );
    const name = docName();
    await createDoc(a!, name, 'Across the cluster');
    const editorOnB = clients.connect(b!.wsUrl, name, { params: { token: await tokenFor('read') } });
    await editorOnB.synced;

    const forged = updateOf(await stateOf(a!, name), (doc) =>
      startThread(doc, 'cluster', { sub: 'boss', name: 'Boss' }),
    );
    expect(await sendOverWebSocket(a!, name, forged, await tokenFor('comment', 'mallory'))).toBe(
      CloseCode.UnsupportedData,
    );

    const token = await tokenFor('comment', 'cara', 'Cara');
    const res = await call(a!, commentsPath(name), { token, method: 'POST', body: { quote: 'cluster', body: 'hi' } });
    expect(res.status).toBe(201);
    await waitFor(() => readThreads(editorOnB.doc).length === 1, { what: 'the thread on the other instance' });
    expect(readThreads(editorOnB.doc)[0]!.comments.map((c) => c.author.sub)).toEqual(['cara']);
    const threadId = (res.json as ThreadView).id;
    expect((await call(b!, `${commentsPath(name)}/${threadId}/resolve`, { token, method: 'POST' })).status).toBe(200);
    await waitFor(async () => (await threadsOf(a!, name))[0]?.resolved === true, { what: 'resolved everywhere' });
    expect((await threadsOf(b!, name)).map((thread) => thread.quote)).toEqual(['cluster']);
  });
});
