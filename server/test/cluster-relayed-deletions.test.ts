import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import * as Y from 'yjs';
import { docKeys } from '../src/cluster/redis-keys.js';
import { docName, HAS_REDIS, startTestServer, useClients, useRedis, useServers, waitFor } from './helpers.js';
import { captureLogs, WARN } from './raw-http.js';

/**
 * Issue #19, cluster mode: a stream entry may carry `d`, the deletions its instance relayed
 * of the update (when not all of it), so the others relay the same. Whatever is read from
 * Redis is checked: `d` that does not decode to deletions alone is logged and ignored (the
 * update relayed whole), and `d` can only leave deletions out, never add one.
 */
const servers = useServers();
const redisServers = useRedis();
const clients = useClients();

const UNDECODABLE = 'undecodable relayed deletions in a stream entry; relayed whole';

/** The deletions of `doc` alone, as an update without structs. */
const deletionsOf = (doc: Y.Doc): Uint8Array => Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc));

describe.skipIf(!HAS_REDIS)('relayed deletions read from a Redis stream', () => {
  it('are ignored with one log line each when undecodable, and never delete what the update does not', async () => {
    const { url: redisUrl } = await redisServers.start();
    const logs = captureLogs();
    const server = servers.track(await startTestServer({ redisUrl, logger: logs.logger }));
    const name = docName();
    const b = clients.connect(server.wsUrl, name);
    await b.synced;
    b.text.insert(0, 'hello');
    // Another instance's client, writing straight into the stream as that instance would.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(b.doc));
    const redis = new Redis(redisUrl);
    const append = async (update: Uint8Array, deletions: Uint8Array): Promise<void> => {
      const fields = ['u', Buffer.from(update), 'i', 'another-instance', 'd', Buffer.from(deletions)];
      await redis.xadd(docKeys(name).log, '*', ...fields);
    };
    try {
      const before = Y.encodeStateVector(other);
      other.getText('t').insert(5, ' world');
      const insert = Y.encodeStateAsUpdate(other, before);
      await append(insert, new Uint8Array([0xff, 0xff, 0xff]));
      await append(insert, insert);
      await waitFor(() => b.text.toString() === 'hello world', { what: 'the update relayed whole' });

      // `d` lists b's "hello" too: the update deletes only " world", so that is all b loses.
      const beforeDelete = Y.encodeStateVector(other);
      other.getText('t').delete(5, 6);
      const deletion = Y.encodeStateAsUpdate(other, beforeDelete);
      const overreaching = new Y.Doc();
      Y.applyUpdate(overreaching, Y.encodeStateAsUpdate(other));
      overreaching.getText('t').delete(0, 5);
      await append(deletion, deletionsOf(overreaching));
      await waitFor(() => b.text.toString() === 'hello', { what: 'only the deletion the update made' });
    } finally {
      redis.disconnect();
    }
    const warnings = logs.lines.filter((line) => line.level === WARN && line.msg === UNDECODABLE);
    expect(warnings.map((line) => line.doc)).toEqual([name, name]);
    const fresh = clients.connect(servers.track(await startTestServer({ redisUrl })).wsUrl, name);
    await fresh.synced;
    expect(fresh.text.toString()).toBe('hello');
  });
});
