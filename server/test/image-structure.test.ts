import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, fileUrl } from '@quire/shared';
import { docName, startTestServer, type TestServer } from './helpers.js';
import { expectDocumentOpens, nodesOfType, putMarkdown, stateOf, typingUpdate, updateFrom } from './doc-checks.js';
import { postUpdate, sendOverHttp, sendOverWebSocket } from './update-senders.js';

/**
 * Hand-made image nodes (SPEC: Files (images); issue #18): an image is an XmlElement of
 * `__src`, `__altText` and `__width` inside a paragraph, heading, quote or list item, holding
 * nothing. Other shapes are refused on every way in and the document carries on.
 */
let server: TestServer;
afterEach(async () => {
  await server?.close();
});

const MARKDOWN = 'Some text with [a link](https://example.com) and ![a picture](https://example.com/p.png).';

function image(attributes: Record<string, unknown>): Y.XmlElement {
  const node = new Y.XmlElement();
  for (const [key, value] of Object.entries({ __type: 'image', ...attributes }))
    node.setAttribute(key, value as string);
  return node;
}
const good = { __src: 'https://example.com/a.png', __altText: 'a', __width: null };
const paragraphOf = (root: Y.XmlText): Y.XmlText => nodesOfType(root, 'paragraph')[0] as Y.XmlText;

const ATTACKS: Array<[string, (root: Y.XmlText, name: string) => void]> = [
  ['an image straight in the root', (root) => root.insertEmbed(root.length, image(good))],
  [
    'an image inside a link',
    (root) => {
      const link = nodesOfType(root, 'link')[0] as Y.XmlText;
      link.insertEmbed(link.length, image(good));
    },
  ],
  [
    'an image holding child content',
    (root) => {
      const holder = image(good);
      holder.insert(0, [new Y.XmlText('hidden')]);
      paragraphOf(root).insertEmbed(paragraphOf(root).length, holder);
    },
  ],
  [
    "an image showing another document's file",
    (root) =>
      paragraphOf(root).insertEmbed(
        paragraphOf(root).length,
        image({ ...good, __src: fileUrl('other', 'd'.repeat(64)) }),
      ),
  ],
  [
    'an image with a huge width',
    (root) => paragraphOf(root).insertEmbed(paragraphOf(root).length, image({ ...good, __width: 1e9 })),
  ],
  [
    "an existing image's source changed to javascript:",
    (root) => (nodesOfType(root, 'image')[0] as Y.XmlElement).setAttribute('__src', 'javascript:alert(1)'),
  ],
];

describe('hand-made image nodes (SPEC: Files (images))', () => {
  it.each(ATTACKS)('%s is refused on every way in; the document opens and takes edits', async (_label, attack) => {
    server = await startTestServer();
    const name = docName();
    await putMarkdown(server.url, name, MARKDOWN);
    const state = await stateOf(server.url, name);
    const update = updateFrom(state, (root) => attack(root, name));
    expect(await sendOverWebSocket(server, name, update)).toBe(CloseCode.UnsupportedData);
    expect(await sendOverHttp(server, name, update)).toBe(CloseCode.UnsupportedData);
    expect(await postUpdate(server.url, name, update)).toBe(400);
    expect(await sendOverWebSocket(server, name, typingUpdate(state, ' still editing'))).toBeNull();
    expect(await expectDocumentOpens(server.url, name)).toContain('still editing');
  });

  it('a well-formed hand-made image in a paragraph is accepted', async () => {
    server = await startTestServer();
    const name = docName();
    await putMarkdown(server.url, name, MARKDOWN);
    const update = updateFrom(await stateOf(server.url, name), (root) =>
      paragraphOf(root).insertEmbed(paragraphOf(root).length, image({ ...good, __src: fileUrl(name, 'e'.repeat(64)) })),
    );
    expect(await sendOverWebSocket(server, name, update)).toBeNull();
    const markdown = await (await fetch(`${server.url}/api/docs/${encodeURIComponent(name)}?format=markdown`)).text();
    expect(markdown).toContain(fileUrl(name, 'e'.repeat(64)));
  });
});
