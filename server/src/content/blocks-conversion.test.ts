import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedNewDocument } from './seed.js';
import { blocksFromHtml, blocksFromMarkdown, updateToBlocks, type Blocks } from './change.js';
import { renderDocument, renderEditorState } from './render.js';

/**
 * Issue #22: tables, horizontal rules, code languages and alignment survive every
 * conversion the server makes (SPEC: HTTP formats): Markdown in and out (GFM tables,
 * `---`, fenced code with its language), HTML in and out, and the Lexical JSON.
 */
const MARKDOWN = `Intro

| Name | **Qty** | Note |
| :-- | --: | :-: |
| pen | 2 | a \\| b |
| [ink](https://example.com) | 10 | two<br>lines |

---

\`\`\`python
print("hi")
\`\`\``;

function docWith(blocks: Blocks): Uint8Array {
  const doc = new Y.Doc();
  seedNewDocument(doc);
  const update = updateToBlocks(Y.encodeStateAsUpdate(doc), blocks);
  if (update) Y.applyUpdate(doc, update);
  return Y.encodeStateAsUpdate(doc);
}

describe('tables, rules, code languages and alignment in conversions (issue #22)', () => {
  it('Markdown with a GFM table, a rule and a fenced language reads back the same', () => {
    expect(renderDocument(docWith(blocksFromMarkdown(MARKDOWN)), 'markdown')).toBe(MARKDOWN);
  });

  it('a Markdown table becomes a table with a header row, aligned columns and inline formats', () => {
    const json = renderEditorState(docWith(blocksFromMarkdown(MARKDOWN)));
    expect(json.root.children.map((block) => block.type)).toEqual(['paragraph', 'table', 'horizontalrule', 'code']);
    const table = json.root.children[1] as unknown as { children: Array<{ children: CellJson[] }> };
    expect(table.children).toHaveLength(3);
    expect(table.children[0]!.children.map((cell) => cell.headerState)).toEqual([1, 1, 1]);
    expect(table.children[1]!.children.map((cell) => cell.headerState)).toEqual([0, 0, 0]);
    expect(table.children[1]!.children.map((cell) => cell.children[0]!.format)).toEqual(['left', 'right', 'center']);
    expect(table.children[2]!.children[2]!.children).toHaveLength(2);
    expect(json.root.children[3]).toMatchObject({ language: 'python' });
  });

  it('a table whose header row is off is written with an empty header row, and reads back without one', () => {
    const markdown = '|  |  |\n| --- | --- |\n| a | b |';
    const state = docWith(blocksFromMarkdown(markdown));
    const table = renderEditorState(state).root.children[0] as unknown as { children: Array<{ children: CellJson[] }> };
    expect(table.children).toHaveLength(1);
    expect(table.children[0]!.children.map((cell) => cell.headerState)).toEqual([0, 0]);
    expect(renderDocument(state, 'markdown')).toBe(markdown);
  });

  it('lines with pipes that are not a table stay a paragraph', () => {
    const state = docWith(blocksFromMarkdown('a | b\n\nnot | a table'));
    expect(renderEditorState(state).root.children.map((block) => block.type)).toEqual(['paragraph', 'paragraph']);
  });

  it('HTML tables, rules, code languages and alignment go out and come back in', () => {
    const state = docWith(blocksFromMarkdown(MARKDOWN));
    const html = renderDocument(state, 'html');
    expect(html).toMatch(/<table>.*<th[^>]*>.*Name.*<\/th>.*<td[^>]*>.*pen.*<\/td>.*<\/table>/s);
    expect(html).toContain('<hr>');
    expect(html).toContain('data-language="python"');
    const again = docWith(blocksFromHtml(`${html}<p style="text-align: center">centred</p>`));
    expect(renderDocument(again, 'markdown')).toBe(`${MARKDOWN}\n\ncentred`);
    expect(renderEditorState(again).root.children.at(-1)).toMatchObject({ format: 'center' });
    expect(renderDocument(again, 'html')).toContain('text-align: center');
  });

  it('pasted or imported HTML tables lose their colours, and spans are capped', () => {
    const html = '<table><tr><td style="background-color: red" colspan="5000" rowspan="3">x</td></tr></table>';
    const cell = (renderEditorState(docWith(blocksFromHtml(html))).root.children[0] as unknown as TableJson)
      .children[0]!.children[0]!;
    expect(cell).toMatchObject({ backgroundColor: null, colSpan: 100, rowSpan: 3 });
  });

  it('text export holds the text of the cells and the code', () => {
    const text = renderDocument(docWith(blocksFromMarkdown(MARKDOWN)), 'text');
    expect(text).toContain('pen');
    expect(text).toContain('print("hi")');
  });
});

interface CellJson {
  headerState: number;
  children: Array<{ format: string }>;
}
interface TableJson {
  children: Array<{ children: Array<Record<string, unknown>> }>;
}
