import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeParagraph } from './editor-paragraph.js';
import { docName, startTestServer, useClients, waitFor, type TestServer } from './helpers.js';

/**
 * Issue 19: characters typed at the end of a text node someone else deleted at the same
 * time follow only deleted items until an editor gives them a text node of their own
 * (web/src/editor/binding/dangling-text.ts). The server's renders show them meanwhile.
 */
let server: TestServer;
afterEach(async () => {
  await server.close();
});
const clients = useClients();

const paragraphsOf = (doc: Y.Doc): Y.XmlText[] =>
  doc
    .get('root', Y.XmlText)
    .toDelta()
    .map(({ insert }: { insert: unknown }) => insert as Y.XmlText);

/** The second paragraph: its text node deleted, then Grace's characters typed at its end. */
function danglingTextInSecondParagraph(ada: Y.Doc): Uint8Array {
  const grace = new Y.Doc();
  Y.applyUpdate(grace, Y.encodeStateAsUpdate(ada));
  const before = Y.encodeStateVector(grace);
  const second = paragraphsOf(grace)[1]!;
  second.insert(second.length, ' gamma delta');
  // Ada, at the same time, deletes the whole text node (its map and its characters).
  const adaSecond = paragraphsOf(ada)[1]!;
  adaSecond.delete(0, adaSecond.length);
  return Y.encodeStateAsUpdate(grace, before);
}

describe('rendering characters whose text node was deleted (issue 19)', () => {
  it('GET as text, Markdown, HTML and JSON shows every word', async () => {
    server = await startTestServer();
    const name = docName();
    const ada = clients.connect(server.wsUrl, name);
    await ada.synced;
    writeParagraph(ada.doc, 0, 'alpha');
    writeParagraph(ada.doc, 1, 'beta');
    const graceUpdate = danglingTextInSecondParagraph(ada.doc);
    Y.applyUpdate(ada.doc, graceUpdate);
    // Nobody has given the characters a text node: they follow only deleted items.
    expect(paragraphsOf(ada.doc)[1]!.toDelta()).toEqual([{ insert: ' gamma delta' }]);
    const reader = clients.connect(server.wsUrl, name);
    await waitFor(() => paragraphsOf(reader.doc)[1]?.toString() === ' gamma delta', {
      what: 'the server to hold the characters',
    });
    const url = `${server.url}/api/docs/${encodeURIComponent(name)}`;
    for (const format of ['text', 'markdown', 'html', 'json']) {
      const body = await (await fetch(`${url}?format=${format}`)).text();
      for (const word of ['alpha', 'gamma', 'delta']) expect(body, format).toContain(word);
    }
  });
});
