import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { renderDocument } from '../src/content/render.js';
import type { DocStore } from '../src/storage/doc-store.js';
import { docName, startTestServer, useClients, useServers, waitFor, type TestClient } from './helpers.js';
import { deletedClientsOf, deletedIn, relayedTo } from './relayed-updates.js';

/**
 * Issue #19, for a PUT of new content: the change is worked out on a worker thread against
 * a snapshot while editors go on typing. When it deletes a paragraph someone typed into
 * meanwhile, Yjs deletes those words with it; the others are relayed only the deletions
 * the change itself lists, so the typist's editor is never told the words were deleted by
 * someone who had seen them (the browser editor then keeps them, as for a sync step 2).
 */
const servers = useServers();
const clients = useClients();

interface Watch {
  /** Every update the store was given, in order. */
  appended: Uint8Array[];
  /** Runs once, when the PUT of `docName` has checked it exists and takes its snapshot next. */
  beforeSnapshot?: { docName: string; run(): void } | undefined;
}

/** `inner`, telling `watch` what it stores and when a PUT is about to take its snapshot. */
function watched(inner: DocStore, watch: Watch): DocStore {
  return new Proxy(inner, {
    get(target, key) {
      if (key === 'append') {
        return (name: string, update: Uint8Array, deletions?: Uint8Array) => {
          watch.appended.push(update);
          return target.append(name, update, deletions);
        };
      }
      if (key === 'exists') {
        return async (name: string) => {
          const exists = await target.exists(name);
          const hook = watch.beforeSnapshot;
          if (hook?.docName === name) {
            watch.beforeSnapshot = undefined;
            hook.run();
          }
          return exists;
        };
      }
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const markdownOf = (client: TestClient): string => renderDocument(Y.encodeStateAsUpdate(client.doc), 'markdown');

function paragraph(client: TestClient, index: number): Y.XmlText {
  return client.doc.get('root', Y.XmlText).toDelta()[index].insert as Y.XmlText;
}

/**
 * The server had b's words when it applied the change (b's update was stored before it), yet
 * no update relayed to b, nor the change as stored, lists them deleted; a fresh reader ends with
 * b's document. Returns the reader.
 */
async function expectOnlyListedDeletionsRelayed(
  wsUrl: string,
  name: string,
  appended: Uint8Array[],
  b: TestClient,
  seenByB: Uint8Array[],
): Promise<TestClient> {
  const wroteB = (update: Uint8Array): boolean =>
    Y.decodeUpdate(update).structs.some((s) => s.id.client === b.doc.clientID);
  const bWords = appended.findIndex(wroteB);
  const change = appended.findIndex((update, i) => i > bWords && deletedClientsOf(update).length > 0);
  expect(bWords).toBeGreaterThanOrEqual(0);
  expect(change).toBeGreaterThan(bWords);
  expect(deletedClientsOf(appended[change]!)).not.toContain(b.doc.clientID);
  const deleting = seenByB.filter((update) => deletedClientsOf(update).length > 0);
  expect(deleting.length).toBeGreaterThan(0);
  for (const update of deleting) expect(deletedClientsOf(update)).not.toContain(b.doc.clientID);
  const fresh = clients.connect(wsUrl, name);
  await fresh.synced;
  expect(Y.equalDeleteSets(deletedIn(fresh), deletedIn(b))).toBe(true);
  expect(markdownOf(fresh)).toBe('alpha\n\ngamma');
  return fresh;
}

describe('a PUT relayed to the editors', () => {
  it('lists only the deletions it made, never words typed into a paragraph it deletes while it was worked out', async () => {
    const watch: Watch = { appended: [] };
    const server = servers.track(await startTestServer({ wrapStore: (inner) => watched(inner, watch) }));
    const put = (name: string, body: string): Promise<Response> =>
      fetch(`${server.url}/api/docs/${encodeURIComponent(name)}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'text/markdown' },
        body,
      });
    const name = docName();
    expect((await put(name, 'alpha\n\nbeta\n\ngamma')).status).toBe(201);
    const b = clients.connect(server.wsUrl, name);
    await waitFor(() => markdownOf(b) === 'alpha\n\nbeta\n\ngamma', { what: 'the first content' });
    const seenByB = relayedTo(b);
    // b's keystrokes reach the server after its snapshot, while the worker works out the change.
    watch.beforeSnapshot = { docName: name, run: () => paragraph(b, 1).insert(4, ' words of b') };
    expect((await put(name, 'alpha\n\ngamma')).status).toBe(200);
    await waitFor(() => markdownOf(b) === 'alpha\n\ngamma', { what: 'the PUT on the editor' });

    // Everyone, and the document as stored, ends the same.
    const fresh = await expectOnlyListedDeletionsRelayed(server.wsUrl, name, watch.appended, b, seenByB);
    expect(Y.encodeStateVector(fresh.doc)).toEqual(Y.encodeStateVector(b.doc));
  });

  it('lists only the deletions a posted Yjs update made, never words typed since into a paragraph it deletes', async () => {
    const watch: Watch = { appended: [] };
    const server = servers.track(await startTestServer({ wrapStore: (inner) => watched(inner, watch) }));
    const name = docName();
    const url = `${server.url}/api/docs/${encodeURIComponent(name)}`;
    const put = await fetch(url, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/markdown' },
      body: 'alpha\n\nbeta\n\ngamma',
    });
    expect(put.status).toBe(201);
    // A program reads the document, then deletes the second paragraph in its own copy.
    const program = new Y.Doc();
    Y.applyUpdate(program, new Uint8Array(await (await fetch(`${url}?format=yjs`)).arrayBuffer()));
    const before = Y.encodeStateVector(program);
    program.get('root', Y.XmlText).delete(1, 1);
    const change = Y.encodeStateAsUpdate(program, before);
    // Meanwhile b types into that paragraph, and the server has it before the change arrives.
    const b = clients.connect(server.wsUrl, name);
    await waitFor(() => markdownOf(b) === 'alpha\n\nbeta\n\ngamma', { what: 'the first content' });
    const seenByB = relayedTo(b);
    const watcher = clients.connect(server.wsUrl, name);
    // Offset 0 holds the text node's properties: offset 5 is after "beta".
    paragraph(b, 1).insert(5, ' words of b');
    await waitFor(() => markdownOf(watcher) === 'alpha\n\nbeta words of b\n\ngamma', { what: 'b on the server' });
    const posted = await fetch(`${url}/updates`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: change,
    });
    expect(posted.status).toBe(200);
    await waitFor(() => markdownOf(b) === 'alpha\n\ngamma', { what: 'the change on the editor' });

    await expectOnlyListedDeletionsRelayed(server.wsUrl, name, watch.appended, b, seenByB);
  });
});
