import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { Redis } from 'ioredis';
import { MessageType } from '@quire/shared';
import type { DocStore } from '../src/index.js';
import { encodeUpdate } from '../src/protocol/encode.js';
import {
  docName,
  HAS_REDIS,
  startTestServer,
  useClients,
  useRedis,
  useServers,
  waitFor,
  type RawSocket,
  type TestServer,
} from './helpers.js';

/**
 * SPEC: Guarantees — durability in two steps. An update is relayed once it is written to
 * the store (LevelDB without sync; Redis once it acknowledged), and the saved
 * acknowledgement (message 100) covers it only after a sync that includes it.
 * `--sync-before-relay` keeps the strict order: nothing is relayed before its sync.
 *
 * The store is the real one, wrapped so its syncs can be held back like a slow disk.
 * "Not relayed" is shown without waiting for time to pass: once the write is known to be
 * done (the sync was asked for), a presence frame is sent through the server to the same
 * socket; a relay sent before it would have arrived first.
 */
const redis = useRedis();
const servers = useServers();
const clients = useClients();

/** Holds back every sync asked for while closed; counts appends and held syncs. */
class StoreGate {
  appends = 0;
  heldSyncs = 0;
  private gate: Promise<void> | undefined;
  private openGate: () => void = () => undefined;

  close(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  open(): void {
    this.gate = undefined;
    this.openGate();
  }

  readonly wrap = (store: DocStore): DocStore => {
    const count = (): void => void this.appends++;
    const held = (): Promise<void> | undefined => (this.gate ? (this.heldSyncs++, this.gate) : undefined);
    return new Proxy(store, {
      get(target, prop) {
        if (prop === 'append') {
          return (name: string, update: Uint8Array) => {
            count();
            return target.append(name, update);
          };
        }
        if (prop === 'sync' && target.sync) {
          return async () => {
            await held();
            return target.sync?.();
          };
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
}

/** Whether `frame` is a saved acknowledgement covering `clock` of `client`. */
function ackCovers(frame: Uint8Array, client: number, clock: number): boolean {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== MessageType.Ack) return false;
  return (Y.decodeStateVector(decoding.readVarUint8Array(decoder)).get(client) ?? 0) >= clock;
}

const typeOf = (frame: Uint8Array): number => decoding.readVarUint(decoding.createDecoder(frame));

/** The text a raw socket has been sent so far (every sync frame applied). */
function textSeenBy(socket: RawSocket): string {
  const doc = new Y.Doc();
  for (const frame of socket.messages) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) === MessageType.Sync) {
      syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, null);
    }
  }
  return doc.getText('t').toString();
}

/** An edit by a fresh author: its update and the clock an ack must reach to cover it. */
function edit(text: string): { update: Uint8Array; client: number; clock: number } {
  const doc = new Y.Doc();
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getText('t').insert(0, text);
  return { update, client: doc.clientID, clock: Y.parseUpdateMeta(update).to.get(doc.clientID)! };
}

/**
 * Sends a presence change from `from` and waits until `to` has it: everything the server
 * had sent `to` before is in `to.messages` by then.
 */
async function roundTrip(from: ReturnType<typeof clients.connect>, to: RawSocket, n: number): Promise<void> {
  const before = to.messages.length;
  from.provider.awareness.setLocalStateField('n', n);
  await waitFor(() => to.messages.slice(before).some((frame) => typeOf(frame) === MessageType.Awareness), {
    what: 'the presence round trip',
  });
}

async function serverWith(gate: StoreGate, options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  return servers.track(await startTestServer({ ...options, wrapStore: gate.wrap }));
}

describe('write, relay, then sync and acknowledge (SPEC: Guarantees, durability)', () => {
  it('while the sync is held back, edits are relayed but not acknowledged; the ack follows the sync', async () => {
    const gate = new StoreGate();
    const server = await serverWith(gate);
    const name = docName();
    const author = clients.raw(server.wsUrl, `${name}?ack=1`);
    const watcher = clients.raw(server.wsUrl, name);
    const presence = clients.connect(server.wsUrl, name);
    await Promise.all([author.opened, watcher.opened, presence.synced]);

    gate.close();
    const first = edit('relayed before its sync');
    author.ws.send(encodeUpdate(first.update));
    await waitFor(() => textSeenBy(watcher) === 'relayed before its sync', { what: 'the edit relayed' });
    await waitFor(() => gate.heldSyncs > 0, { what: 'the sync to be asked for (and held)' });
    await roundTrip(presence, author, 1);
    expect(author.messages.some((frame) => ackCovers(frame, first.client, first.clock))).toBe(false);

    const second = edit('more');
    author.ws.send(encodeUpdate(second.update));
    await waitFor(() => textSeenBy(watcher).includes('more'), { what: 'a second edit relayed while syncs wait' });
    await roundTrip(presence, author, 2);
    expect(author.messages.some((frame) => ackCovers(frame, second.client, second.clock))).toBe(false);

    const beforeSync = author.messages.length;
    gate.open();
    await waitFor(() => author.messages.some((frame) => ackCovers(frame, first.client, first.clock)), {
      what: 'the first edit acknowledged after the sync',
    });
    await waitFor(() => author.messages.some((frame) => ackCovers(frame, second.client, second.clock)), {
      what: 'the second edit acknowledged after the sync',
    });
    // Both edits were relayed apart but wait for the same sync: one ack covers them both.
    await roundTrip(presence, author, 3);
    const acks = author.messages.slice(beforeSync).filter((frame) => typeOf(frame) === MessageType.Ack);
    expect(acks).toHaveLength(1);
  });

  it('a document saved over HTTP is answered only after its sync', async () => {
    const gate = new StoreGate();
    const server = await serverWith(gate);
    const name = docName();
    gate.close();
    let answered = false;
    const put = fetch(`${server.url}/api/docs/${name}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/plain' },
      body: 'saved over HTTP',
    }).then((res) => ((answered = true), res));
    await waitFor(() => gate.heldSyncs > 0, { what: 'the sync to be asked for (and held)' });
    // An HTTP round trip answered meanwhile: the PUT, asked earlier, is still waiting.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(answered).toBe(false);
    gate.open();
    expect((await put).status).toBe(201);
  });

  it('--sync-before-relay: nothing is relayed before its sync, then relay and ack come together', async () => {
    const gate = new StoreGate();
    const server = await serverWith(gate, { syncBeforeRelay: true });
    const name = docName();
    const author = clients.raw(server.wsUrl, `${name}?ack=1`);
    const watcher = clients.raw(server.wsUrl, name);
    const presence = clients.connect(server.wsUrl, name);
    await Promise.all([author.opened, watcher.opened, presence.synced]);

    gate.close();
    const held = edit('relayed only after its sync');
    author.ws.send(encodeUpdate(held.update));
    await waitFor(() => gate.heldSyncs > 0, { what: 'the write done and its sync asked for (and held)' });
    await roundTrip(presence, watcher, 1);
    expect(textSeenBy(watcher)).toBe('');

    gate.open();
    await waitFor(() => textSeenBy(watcher) === 'relayed only after its sync', { what: 'the relay after the sync' });
    await waitFor(() => author.messages.some((frame) => ackCovers(frame, held.client, held.clock)), {
      what: 'the ack',
    });
  });
});

describe.skipIf(!HAS_REDIS)('cluster mode relays once Redis has acknowledged (SPEC: Guarantees)', () => {
  it('while Redis holds writes back, an edit is not relayed; once Redis takes it, it is', async () => {
    const { url } = await redis.start();
    const gate = new StoreGate();
    const server = await serverWith(gate, { redisUrl: url });
    const name = docName();
    const author = clients.raw(server.wsUrl, name);
    const watcher = clients.raw(server.wsUrl, name);
    const presence = clients.connect(server.wsUrl, name);
    await Promise.all([author.opened, watcher.opened, presence.synced]);

    const admin = new Redis(url);
    try {
      // Redis queues every write command (the XADD of the edit) until unpaused.
      await admin.call('CLIENT', 'PAUSE', '60000', 'WRITE');
      author.ws.send(encodeUpdate(edit('after Redis has it').update));
      await waitFor(() => gate.appends > 0, { what: 'the append sent to Redis' });
      await roundTrip(presence, watcher, 1);
      expect(textSeenBy(watcher)).toBe('');
      await admin.call('CLIENT', 'UNPAUSE');
      await waitFor(() => textSeenBy(watcher) === 'after Redis has it', { what: 'the relay once Redis has it' });
    } finally {
      await admin.call('CLIENT', 'UNPAUSE');
      admin.disconnect();
    }
  });
});
