import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedNewDocument } from './seed.js';
import { blocksFromHtml, blocksFromMarkdown, updateToBlocks } from './change.js';
import { renderDocument, renderEditorState } from './render.js';

const MARKDOWN = `# Title

Some **bold**, *italic* and \`code\` with a [link](https://example.com).

- one
- two
    - nested

1. first
2. second

- [ ] todo
- [x] done

> quoted

\`\`\`
code block
\`\`\``;

function docWith(markdown: string): Y.Doc {
  const doc = new Y.Doc();
  seedNewDocument(doc);
  const update = updateToBlocks(Y.encodeStateAsUpdate(doc), blocksFromMarkdown(markdown));
  if (update) Y.applyUpdate(doc, update);
  return doc;
}

describe('content conversion (SPEC: HTTP formats)', () => {
  it('Markdown written into a document reads back as the same Markdown', () => {
    const doc = docWith(MARKDOWN);
    const state = Y.encodeStateAsUpdate(doc);
    expect(renderDocument(state, 'markdown')).toBe(MARKDOWN);
  });

  it('renders text, HTML and Lexical JSON of the same content', () => {
    const state = Y.encodeStateAsUpdate(docWith(MARKDOWN));
    const text = renderDocument(state, 'text');
    expect(text).toContain('Title');
    expect(text).toContain('code block');
    const html = renderDocument(state, 'html');
    expect(html).toMatch(/<h1[^>]*>.*Title.*<\/h1>/);
    expect(html).toContain('<strong');
    expect(html).toContain('href="https://example.com"');
    const json = renderEditorState(state);
    expect(json.root.children.map((child) => child.type)).toEqual([
      'heading',
      'paragraph',
      'list',
      'list',
      'list',
      'quote',
      'code',
    ]);
  });

  it('HTML imports into the same blocks as the equivalent Markdown', () => {
    const fromHtml = blocksFromHtml('<h2>Plan</h2><p>Ship <b>it</b></p><ul><li>a</li><li>b</li></ul>');
    expect(fromHtml.map((block) => block.type)).toEqual(['heading', 'paragraph', 'list']);
    const doc = new Y.Doc();
    seedNewDocument(doc);
    Y.applyUpdate(doc, updateToBlocks(Y.encodeStateAsUpdate(doc), fromHtml)!);
    expect(renderDocument(Y.encodeStateAsUpdate(doc), 'markdown')).toBe('## Plan\n\nShip **it**\n\n- a\n- b');
  });

  it('replacing content keeps untouched blocks, so a concurrent edit in them survives', () => {
    const server = docWith('first\n\nsecond\n\nthird');
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const clientEdit = (() => {
      const text = client.get('root', Y.XmlText) as Y.XmlText;
      const before = Y.encodeStateVector(client);
      const first = text.toDelta()[0].insert as Y.XmlText;
      first.insert(first.length, ' (typed live)');
      return Y.encodeStateAsUpdate(client, before);
    })();
    const put = updateToBlocks(Y.encodeStateAsUpdate(server), blocksFromMarkdown('first\n\nSECOND\n\nthird'));
    Y.applyUpdate(server, put!);
    Y.applyUpdate(server, clientEdit);
    expect(renderDocument(Y.encodeStateAsUpdate(server), 'markdown')).toBe('first (typed live)\n\nSECOND\n\nthird');
  });

  it('replacing content with what is already there changes nothing', () => {
    const doc = docWith('same\n\ncontent');
    expect(updateToBlocks(Y.encodeStateAsUpdate(doc), blocksFromMarkdown('same\n\ncontent'))).toBeNull();
  });
});
