import { describe, expect, it } from 'vitest';
import { $getRoot, $parseSerializedNode, type SerializedLexicalNode } from 'lexical';
import * as Y from 'yjs';
import { isSafeLinkRel } from '@quire/shared';
import { blocksFromHtml, blocksFromMarkdown } from './change.js';
import { openHeadlessSession } from './headless.js';
import { renderDocument } from './render.js';

/** A stored document holding `blocks` as they are, the way one stored before updates were checked may. */
function storedState(blocks: object[]): Uint8Array {
  const session = openHeadlessSession();
  try {
    session.editor.update(
      () => {
        for (const block of blocks) $getRoot().append($parseSerializedNode(block as SerializedLexicalNode));
      },
      { discrete: true },
    );
    return Y.encodeStateAsUpdate(session.doc);
  } finally {
    session.dispose();
  }
}

const text = (value: string, style = ''): object => ({
  type: 'text',
  text: value,
  style,
  format: 0,
  detail: 0,
  mode: 'normal',
  version: 1,
});
const paragraph = (...children: object[]): object => ({
  type: 'paragraph',
  children,
  direction: null,
  format: '',
  indent: 0,
  textFormat: 0,
  textStyle: '',
  version: 1,
});
const link = (url: string, target: string | null, rel: string | null, label: string): object => ({
  type: 'link',
  url,
  target,
  rel,
  title: null,
  children: [text(label)],
  direction: null,
  format: '',
  indent: 0,
  version: 1,
});

describe('exports of hostile content (issue #18, findings 4 and 9)', () => {
  const hostile = storedState([
    paragraph(
      text('<img src=x onerror=alert(1)> and &amp; '),
      text('overlay', 'position:fixed;inset:0;background:url(https://evil.example/b)'),
      link('javascript:alert(1)', null, null, 'script link'),
      link('data:text/html,<script>alert(1)</script>', null, null, 'data link'),
      link('https://example.com', '_blank', 'opener', 'new window'),
    ),
  ]);

  it('Markdown drops unsafe link URLs and escapes raw HTML, and reads back as the same text', () => {
    const markdown = renderDocument(hostile, 'markdown');
    expect(markdown).not.toMatch(/javascript:|data:|<img|<script/);
    expect(markdown).toContain('[script link](about:blank)');
    const readBack = blocksFromMarkdown(markdown);
    expect(JSON.stringify(readBack)).toContain('<img src=x onerror=alert(1)> and &amp; ');
  });

  it('HTML carries no style from the document and opens new windows with noopener noreferrer', () => {
    const html = renderDocument(hostile, 'html');
    expect(html).not.toMatch(/position|url\(/);
    expect(html).toContain('target="_blank"');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).not.toMatch(/javascript:|data:text/);
  });
});

describe('HTML import (PUT text/html) keeps links safe (issue #18, finding 4)', () => {
  const imported = (html: string): string => JSON.stringify(blocksFromHtml(html));

  it('a target=_blank link gets noopener noreferrer and loses rel=opener', () => {
    const json = imported('<p><a href="https://example.com" target="_blank" rel="opener">x</a></p>');
    expect(json).toContain('"target":"_blank"');
    expect(json).toContain('"rel":"noopener noreferrer"');
  });

  it('an unknown target is dropped, and no imported rel is one the update check refuses', () => {
    const json = imported('<p><a href="https://a.example" target="evil" rel="opener x">y</a></p>');
    expect(json).toContain('"target":null');
    const rel = /"rel":("[^"]*"|null)/.exec(json)?.[1];
    expect(rel === 'null' || isSafeLinkRel(JSON.parse(rel!) as string)).toBe(true);
  });

  it('imported text keeps no style', () => {
    expect(imported('<p><span style="position:fixed;color:red">z</span></p>')).not.toContain('position');
  });
});
