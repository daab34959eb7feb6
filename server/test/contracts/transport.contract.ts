import { afterEach, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate } from 'y-protocols/awareness';
import { CloseCode, SyncStep } from '@quire/shared';
import { StorageError } from '../../src/errors.js';
import type { StartOptions } from '../../src/index.js';
import type { DocStore } from '../../src/storage/doc-store.js';
import { docName, startTestServer, waitFor, type TestServer } from '../helpers.js';
import type { MakeTransportClient, RawConnection, TransportClient, TransportTraits } from './transport-client.js';
import {
  awarenessFrame,
  isSync,
  nextFrame,
  readFrame,
  syncStep1,
  updateFrame,
  type Received,
} from './transport-frames.js';

/**
 * The transport contract (SPEC: WebSocket; When WebSockets are blocked), run unchanged
 * over every transport the server speaks: whichever carries the frames, a client gets the
 * same handshake, relays, acks, presence, refusals and close codes, in the same order.
 * A new transport plugs in with one call: `transportContract('QUIC', makeClient, traits)`.
 * Nothing here depends on `traits` yet: every test applies to every transport.
 */
const SECRET = 'transport-contract-secret-0123456789';

async function token(
  access: 'read' | 'write',
  docs: string[] = ['*'],
  expires: string | number = '1h',
): Promise<string> {
  return new SignJWT({ docs, access })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('contract')
    .setExpirationTime(expires)
    .sign(new TextEncoder().encode(SECRET));
}

/** A store whose writes fail while `control.failWrites` is set. */
function failingStore(store: DocStore, control: { failWrites: boolean }): DocStore {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'append' && control.failWrites) return () => Promise.reject(new StorageError('disk full (test)'));
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Types `text` at the end of `doc` and returns the frame carrying that change. */
function typed(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  const t = doc.getText('t');
  t.insert(t.length, text);
  return updateFrame(Y.encodeStateAsUpdate(doc, before));
}

const carriesChanges = (frame: Received): frame is Extract<Received, { kind: 'sync' }> =>
  frame.kind === 'sync' && frame.step !== SyncStep.Step1;

export function transportContract(name: string, makeClient: MakeTransportClient, _traits: TransportTraits): void {
  describe(`Transport contract: ${name}`, () => {
    let server: TestServer | undefined;
    let client: TransportClient;
    const conns: RawConnection[] = [];
    afterEach(async () => {
      for (const conn of conns.splice(0)) conn.close();
      await server?.close();
      server = undefined;
    });

    const start = async (options: StartOptions = {}): Promise<void> => {
      server = await startTestServer(options);
      client = makeClient(server);
    };
    const open = async (doc: string, params: Record<string, string> = {}): Promise<RawConnection> => {
      const conn = client.connect(doc, params);
      conns.push(conn);
      await conn.opened;
      return conn;
    };

    it('the server opens with sync step 1, and answers sync step 1 with step 2 holding the document (SPEC: WebSocket)', async () => {
      await start();
      const doc = docName();
      const writer = await open(doc);
      writer.send(typed(new Y.Doc(), 'stored text'));
      const joiner = await open(doc);
      const first = await nextFrame(joiner, () => true, { what: 'the first frame' });
      expect(first).toMatchObject({ kind: 'sync', step: SyncStep.Step1 });
      joiner.send(syncStep1(new Y.Doc()));
      const reply = await nextFrame(joiner, isSync(SyncStep.Step2), { what: 'sync step 2' });
      const replica = new Y.Doc();
      Y.applyUpdate(replica, (reply as Extract<Received, { kind: 'sync' }>).payload);
      expect(replica.getText('t').toString()).toBe('stored text');
    });

    it('an update reaches the other clients of the document, not its sender, and ?ack=1 gets message 100 once it is saved (SPEC: Guarantees)', async () => {
      await start();
      const doc = docName();
      const [writer, reader, elsewhere] = [await open(doc, { ack: '1' }), await open(doc), await open(docName())];
      const source = new Y.Doc();
      writer.send(typed(source, 'hello'));
      const ack = await nextFrame(
        writer,
        (frame) => frame.kind === 'ack' && (frame.stateVector.get(source.clientID) ?? 0) >= 5,
        { what: 'the ack of the update' },
      );
      expect(ack.kind).toBe('ack');
      const replica = new Y.Doc();
      await waitFor(
        () => {
          for (const frame of reader.frames.splice(0).map(readFrame)) {
            if (carriesChanges(frame)) Y.applyUpdate(replica, frame.payload);
          }
          return replica.getText('t').toString() === 'hello';
        },
        { what: 'the update on the other client' },
      );
      expect(writer.frames.map(readFrame).filter(carriesChanges)).toEqual([]);
      expect(elsewhere.frames.map(readFrame).filter(carriesChanges)).toEqual([]);
    });

    it('presence reaches the other clients and is removed when its connection closes (SPEC: WebSocket, awareness)', async () => {
      await start();
      const doc = docName();
      const [present, observer] = [await open(doc), await open(doc)];
      const seen = new Awareness(new Y.Doc());
      const follow = (): void => {
        for (const frame of observer.frames.splice(0).map(readFrame)) {
          if (frame.kind === 'awareness') applyAwarenessUpdate(seen, frame.update, 'server');
        }
      };
      present.send(awarenessFrame(4242, 1, '{"user":{"name":"Ada"}}'));
      await waitFor(() => (follow(), seen.getStates().has(4242)), { what: 'presence on the other client' });
      expect(seen.getStates().get(4242)).toEqual({ user: { name: 'Ada' } });
      present.close();
      await waitFor(() => (follow(), !seen.getStates().has(4242)), { what: 'presence removed' });
    });

    it('a read-only client gets permission-denied for an edit, which reaches nobody (SPEC: Access)', async () => {
      await start({ authSecret: SECRET });
      const doc = docName();
      const editor = await open(doc, { token: await token('write'), ack: '1' });
      const source = new Y.Doc();
      editor.send(typed(source, 'x'));
      await nextFrame(editor, (frame) => frame.kind === 'ack' && frame.stateVector.has(source.clientID), {
        what: 'the edit saved',
      });
      const viewer = await open(doc, { token: await token('read') });
      viewer.send(typed(new Y.Doc(), 'vandalism'));
      viewer.send(syncStep1(new Y.Doc()));
      const denied = await nextFrame(viewer, (frame) => frame.kind === 'permission-denied', { what: 'the refusal' });
      expect(denied).toEqual({ kind: 'permission-denied', reason: expect.any(String) });
      const reply = (await nextFrame(viewer, isSync(SyncStep.Step2), { what: 'sync step 2' })) as {
        payload: Uint8Array;
      };
      const replica = new Y.Doc();
      Y.applyUpdate(replica, reply.payload);
      expect(replica.getText('t').toString()).toBe('x');
      expect(editor.frames.map(readFrame).filter(carriesChanges)).toEqual([]);
    });

    it('with auth on, no token or a bad one gets 401 and a token for another document 403; nothing opens (SPEC: Access)', async () => {
      await start({ authSecret: SECRET });
      const doc = docName();
      const tokens: Record<string, string>[] = [
        {},
        { token: 'not-a-jwt' },
        { token: await token('write', ['other/*']) },
      ];
      const refusals = tokens.map((params) => client.connect(doc, params));
      conns.push(...refusals);
      const statuses = await Promise.all(
        refusals.map((conn) =>
          conn.opened.then(
            () => 'opened',
            (err: Error) => err.message,
          ),
        ),
      );
      expect(statuses).toEqual(['HTTP 401', 'HTTP 401', 'HTTP 403']);
    });

    it('a connection whose token expires is closed with 4401, so the client fetches a fresh one (SPEC: Access)', async () => {
      await start({ authSecret: SECRET });
      // JWT expiry counts whole seconds: this token is valid on connect and runs out within two.
      const soon = Math.floor(Date.now() / 1000) + 2;
      const conn = await open(docName(), { token: await token('write', ['*'], soon) });
      expect(await conn.closed).toEqual({ code: CloseCode.TokenExpired, reason: 'token expired' });
    });

    it('close codes reach the client: 4404 when the document is deleted, 1011 when its edit could not be saved, 1001 on shutdown (STYLE §5)', async () => {
      const control = { failWrites: false };
      await start({ wrapStore: (store) => failingStore(store, control) });
      const [deleted, failing] = [docName(), docName()];
      const reader = await open(deleted);
      await nextFrame(reader, isSync(SyncStep.Step1), { what: 'joined' });
      expect((await fetch(`${server!.url}/api/docs/${deleted}`, { method: 'DELETE' })).status).toBe(204);
      expect((await reader.closed).code).toBe(CloseCode.DocumentDeleted);

      const writer = await open(failing);
      await nextFrame(writer, isSync(SyncStep.Step1), { what: 'joined' });
      control.failWrites = true;
      writer.send(typed(new Y.Doc(), 'lost on disk'));
      expect(await writer.closed).toEqual({ code: CloseCode.InternalError, reason: expect.any(String) });

      const staying = await open(docName());
      await nextFrame(staying, isSync(SyncStep.Step1), { what: 'joined' });
      const stopping = server!.close();
      server = undefined;
      await stopping;
      expect((await staying.closed).code).toBe(CloseCode.Shutdown);
    });

    it('frames are handled in the order they were sent, and relayed in that order (SPEC: WebSocket)', async () => {
      await start();
      const doc = docName();
      const [writer, reader] = [await open(doc), await open(doc)];
      const source = new Y.Doc();
      const rounds = 40;
      for (let i = 0; i < rounds; i++) {
        writer.send(typed(source, `${i},`));
        writer.send(syncStep1(new Y.Doc()));
      }
      await waitFor(() => writer.frames.map(readFrame).filter(isSync(SyncStep.Step2)).length === rounds, {
        what: 'an answer to every sync step 1',
      });
      const answers = writer.frames
        .map(readFrame)
        .filter(isSync(SyncStep.Step2))
        .map((frame) => {
          const replica = new Y.Doc();
          Y.applyUpdate(replica, (frame as { payload: Uint8Array }).payload);
          return replica.getText('t').toString();
        });
      const expected = Array.from({ length: rounds }, (_, i) =>
        Array.from({ length: i + 1 }, (__, j) => `${j},`).join(''),
      );
      expect(answers).toEqual(expected);

      // Relayed out of order, a change would wait in the replica for the one it follows.
      const replica = new Y.Doc();
      await waitFor(
        () => {
          for (const frame of reader.frames.splice(0).map(readFrame)) {
            if (!carriesChanges(frame)) continue;
            Y.applyUpdate(replica, frame.payload);
            expect(replica.store.pendingStructs).toBeNull();
          }
          return replica.getText('t').toString() === expected[rounds - 1];
        },
        { what: 'every change on the other client' },
      );
    });
  });
}
