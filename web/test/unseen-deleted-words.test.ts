/**
 * Words typed into an empty line that someone offline had seen empty and deleted survive,
 * when the deleter comes back while the typist is offline in turn (issue #19, editing fuzz
 * seed 2 at 48 steps). The server then applies the deletion, and the line goes with the
 * words; the typist's editor writes them back once it learns the deleter never saw them. That
 * needs the sync step 2 it catches up with to leave their deletion unlisted
 * (server/src/rooms/unseen-deletions.ts). Headless pages with the app's binding, the real
 * server, the real y-websocket client.
 */
import { randomUUID } from 'node:crypto';
import { $createParagraphNode, $createTextNode, $getRoot, type ElementNode } from 'lexical';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { normalized, occurrences, serverText } from './support/converge.js';
import { headlessPage } from './support/fuzz-replay.js';
import { headlessText, type Person } from './support/headless-clients.js';
import { run } from './support/headless-typing.js';
import { startTestServer, type TestServer, useClients, waitFor } from './support/server.js';

interface OnlinePage extends Person {
  provider: WebsocketProvider;
}

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});
const clients = useClients();

function openPage(docName: string): OnlinePage {
  const page = headlessPage();
  const provider = clients.track(
    new WebsocketProvider(server.wsUrl, docName, page.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 200,
    }),
  );
  return { ...page, provider };
}

const textOf = (page: Person): string => normalized(headlessText(page.editor));

async function reconnect(page: OnlinePage): Promise<void> {
  page.provider.connect();
  await waitFor(() => page.provider.synced, { what: 'the page to sync again' });
}

/** The text of block `index`'s first text node set to `text` (as typing into the line). */
const typeInto = (page: Person, index: number, text: string): void =>
  run(page.editor, () => {
    const block = $getRoot().getChildAtIndex<ElementNode>(index)!;
    block.clear();
    block.append($createTextNode(text));
  });

describe('words typed into a line someone offline deletes unseen (issue 19)', () => {
  it('stay, once, on every page and the server when the typist comes back after the deleter', async () => {
    const docName = `unseen-${randomUUID()}`;
    const [typist, deleter, watcher] = [openPage(docName), openPage(docName), openPage(docName)];
    await waitFor(() => [typist, deleter, watcher].every((page) => page.provider.synced), { what: 'all synced' });
    run(typist.editor, () => {
      $getRoot().getFirstChildOrThrow<ElementNode>().append($createTextNode('first line'));
      $getRoot().append($createParagraphNode());
    });
    const twoLines = (page: Person): boolean =>
      page.editor.read(() => $getRoot().getChildrenSize()) === 2 && textOf(page) === 'first line';
    await waitFor(() => [deleter, watcher].every(twoLines), { what: 'the empty line everywhere' });

    deleter.provider.disconnect();
    typeInto(typist, 1, 'typed while away');
    await waitFor(() => textOf(watcher).includes('typed while away'), { what: 'the words on the server' });
    typist.provider.disconnect();
    // The deleter saw the line empty: deleting it does not list the words.
    run(deleter.editor, () => $getRoot().getChildAtIndex(1)!.remove());
    await reconnect(deleter);
    await waitFor(() => !textOf(watcher).includes('typed while away'), { what: 'the deletion on the server' });

    await reconnect(typist);
    const pages = [typist, deleter, watcher];
    await waitFor(() => pages.every((page) => textOf(page) === textOf(typist) && textOf(page).includes('away')), {
      what: 'the pages to agree on the rescued words',
      timeoutMs: 20_000,
    });
    await waitFor(async () => normalized(await serverText(server.url, docName)) === textOf(typist), {
      what: 'the server to agree',
    });
    for (const page of pages) expect(occurrences(textOf(page), 'away')).toBe(1);
    expect(textOf(typist)).toBe('first line typed while away');
  }, 60_000);
});
