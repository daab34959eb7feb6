import { describe, expect, it } from 'vitest';
import type { SerializedLexicalNode } from 'lexical';
import { blocksFromHtml } from './change.js';

/**
 * SPEC: HTTP (PUT of HTML), Files (images): the spaces around an `<img>` are kept the way a
 * browser shows them, so "see <img> here" does not come in as "see" glued to the image.
 */
type Node = SerializedLexicalNode & { text?: string; children?: Node[] };

/** The inline content of the first block: text as written, an image as `[img]`, a line break as `\n`. */
function inline(html: string): string {
  const blocks = blocksFromHtml(html) as Node[];
  const flatten = (nodes: Node[]): string =>
    nodes.map((node) => MARKS[node.type] ?? node.text ?? flatten(node.children ?? [])).join('');
  return flatten(blocks[0]?.children ?? []);
}

const MARKS: Record<string, string> = { image: '[img]', linebreak: '\n' };
const IMG = '<img src="https://example.com/a.png" alt="a">';

describe('spaces beside an imported image', () => {
  it('keeps the space before and after an image in running text', () => {
    expect(inline(`<p>see ${IMG} here</p>`)).toBe('see [img] here');
  });

  it('keeps a space between two images and across inline formatting', () => {
    expect(inline(`<p>${IMG} ${IMG}</p>`)).toBe('[img] [img]');
    expect(inline(`<p><b>bold </b>${IMG}<i> after</i></p>`)).toBe('bold [img] after');
  });

  it('still collapses runs of spaces and line breaks into one space', () => {
    expect(inline(`<p>see  \n  ${IMG}\n\n  here</p>`)).toBe('see [img] here');
    expect(inline(`<p>see <span> </span>${IMG} here</p>`)).toBe('see [img] here');
  });

  it('drops spaces at the start and end of a line, as a browser does', () => {
    expect(inline(`<p>\n  ${IMG} end\n</p>`)).toBe('[img] end');
    expect(inline(`<p>start ${IMG}\n  </p>`)).toBe('start [img]');
    expect(inline(`<p>line<br> ${IMG}</p>`)).toBe('line\n[img]');
  });

  it('leaves preformatted text as written (a code block holds no image)', () => {
    expect(inline(`<pre>a  ${IMG}  b</pre>`)).toBe('a    b');
  });
});
