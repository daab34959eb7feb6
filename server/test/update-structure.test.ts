import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '@quire/shared';
import { docName, startTestServer, type TestServer } from './helpers.js';
import { expectDocumentOpens, nodesOfType, putMarkdown, stateOf, typingUpdate, updateFrom } from './doc-checks.js';
import { recordEditorHistory } from './editor-updates.js';
import { postUpdate, sendOverHttp, sendOverWebSocket } from './update-senders.js';

/**
 * Issue #18, findings 2 and 4: updates that Yjs accepts but that leave the shape the editor
 * writes are refused on every way in (1003 on WebSocket and the HTTP transport, 400 on
 * POST /updates), never applied or stored; the document still opens, renders in every
 * format and takes edits.
 */
let server: TestServer;

afterEach(async () => {
  await server?.close();
});

const MARKDOWN = 'Some **text** and [a link](https://example.com).\n\n- one\n- two';

type Attack = (root: Y.XmlText) => void;
const first = (root: Y.XmlText, type: string): Y.XmlText & Y.Map<unknown> =>
  nodesOfType(root, type)[0] as Y.XmlText & Y.Map<unknown>;

const ATTACKS: Array<[string, Attack]> = [
  ['a text node property named __proto__', (root) => first(root, 'text').set('__proto__', 'x')],
  [
    'an XmlElement child typed as a paragraph',
    (root) => {
      const element = new Y.XmlElement('p');
      element.setAttribute('__type', 'paragraph');
      root.insertEmbed(root.length, element);
    },
  ],
  [
    'a nested node typed root',
    (root) => {
      const nested = new Y.XmlText();
      nested.setAttribute('__type', 'root');
      first(root, 'paragraph').insertEmbed(0, nested);
    },
  ],
  ['a link whose __url is not a string', (root) => first(root, 'link').setAttribute('__url', 42 as unknown as string)],
  ['a text style with a fixed overlay', (root) => first(root, 'text').set('__style', 'position:fixed;inset:0')],
  [
    'a text style loading a url() beacon',
    (root) => first(root, 'text').set('__style', 'background:url(https://evil.example/beacon)'),
  ],
  ['a paragraph style', (root) => first(root, 'paragraph').setAttribute('__style', 'color:red')],
  [
    'a link opening its target with rel=opener',
    (root) => {
      first(root, 'link').setAttribute('__target', '_blank');
      first(root, 'link').setAttribute('__rel', 'opener');
    },
  ],
  ['a list item outside a list', (root) => moveNode(root, first(root, 'listitem'))],
  // A paragraph may become a heading, quote or code block in place (issue #19), never a block that holds blocks.
  ['a paragraph turned into a list', (root) => first(root, 'paragraph').setAttribute('__type', 'list')],
  ['a list turned into a paragraph', (root) => first(root, 'list').setAttribute('__type', 'paragraph')],
  ['a paragraph losing its type', (root) => first(root, 'paragraph').removeAttribute('__type')],
  ['a heading with a <script> tag', (root) => nodeWith(root, 'heading', { __tag: 'script' })],
  ['a text node stored as an XmlText', (root) => nodeWith(first(root, 'paragraph'), 'text', {})],
  ['characters straight into the root', (root) => root.insert(0, 'rogue')],
  [
    'a link between a text node and its characters',
    (root) => {
      const link = new Y.XmlText();
      link.setAttribute('__type', 'link');
      link.setAttribute('__url', 'https://example.com');
      first(root, 'paragraph').insertEmbed(1, link);
    },
  ],
  ['characters before the first item of a list', (root) => first(root, 'list').insert(0, 'rogue')],
  ['characters before the first text node of a paragraph', (root) => first(root, 'paragraph').insert(0, 'rogue')],
];

/** A new node of `type` (an element's shared type) with `attributes`, at the end of `parent`. */
function nodeWith(parent: Y.XmlText, type: string, attributes: Record<string, unknown>): void {
  const node = new Y.XmlText();
  for (const [key, value] of Object.entries({ __type: type, ...attributes })) node.setAttribute(key, value as string);
  parent.insertEmbed(parent.length, node);
}

/** A copy of `node` appended to the root. */
function moveNode(root: Y.XmlText, node: Y.XmlText): void {
  const copy = new Y.XmlText();
  for (const [key, value] of Object.entries(node.getAttributes())) copy.setAttribute(key, value as string);
  root.insertEmbed(root.length, copy);
}

describe('updates that leave the editor document shape (issue #18)', () => {
  it.each(ATTACKS)('%s is refused on every transport; the document opens and takes edits', async (_, attack) => {
    server = await startTestServer();
    const name = docName();
    await putMarkdown(server.url, name, MARKDOWN);
    const state = await stateOf(server.url, name);
    const update = updateFrom(state, attack);

    expect(await sendOverWebSocket(server, name, update)).toBe(CloseCode.UnsupportedData);
    expect(await sendOverHttp(server, name, update)).toBe(CloseCode.UnsupportedData);
    expect(await postUpdate(server.url, name, update)).toBe(400);

    const after = await stateOf(server.url, name);
    expect(Y.encodeStateVector(toDoc(after))).toEqual(Y.encodeStateVector(toDoc(state)));
    expect(await expectDocumentOpens(server.url, name)).toContain('a link');
    expect(await sendOverWebSocket(server, name, typingUpdate(after, ' still editing'))).toBeNull();
    expect(await expectDocumentOpens(server.url, name)).toContain('still editing');
  });

  it("accepts the editor's own edits of every node kind over both transports", async () => {
    server = await startTestServer();
    const name = docName();
    await putMarkdown(server.url, name, MARKDOWN);
    const { state } = recordEditorHistory();
    expect(await sendOverWebSocket(server, name, state)).toBeNull();
    const second = docName();
    expect(await sendOverHttp(server, second, state)).toBeNull();
    expect(await expectDocumentOpens(server.url, name)).toContain('Heading two');
    expect(await expectDocumentOpens(server.url, second)).toContain('typed');
  });
});

function toDoc(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}
