import {
  $convertToMarkdownString,
  $generateNodesFromMarkdownString,
  type MultilineElementTransformer,
  type Transformer,
} from '@lexical/markdown';
import {
  $createTableCellNode,
  $createTableNode,
  $createTableRowNode,
  $isTableCellNode,
  $isTableNode,
  $isTableRowNode,
  TableCellHeaderStates,
  TableCellNode,
  TableNode,
  TableRowNode,
} from '@lexical/table';
import { $createParagraphNode, $isElementNode, type ElementFormatType, type LexicalNode } from 'lexical';

/**
 * GitHub-flavoured Markdown tables: a header row, a delimiter row (`| --- | :-: |`), then
 * body rows. Cells hold inline Markdown; a cell's blocks are joined with `<br>` and split on
 * it again. A table whose header row is off is written with an empty header row, which
 * reads back as a table without one. Column alignment (`:--`, `:-:`, `--:`) becomes the
 * alignment of the cells' paragraphs, and is written when a whole column shares one.
 * `cellTransformers` is the dialect used inside cells (the caller's own list).
 */
const DELIMITER_CELL = /^\s*:?-+:?\s*$/;
const LINE_BREAK = /<br\s*\/?>/i;
type Alignment = Extract<ElementFormatType, 'left' | 'center' | 'right'> | '';

export function gfmTable(cellTransformers: () => Transformer[]): MultilineElementTransformer {
  return {
    type: 'multiline-element',
    dependencies: [TableNode, TableRowNode, TableCellNode],
    regExpStart: /\|/,
    handleImportAfterStartMatch: ({ lines, rootNode, startLineIndex }) => {
      const header = splitRow(lines[startLineIndex]!);
      const delimiter = splitRow(lines[startLineIndex + 1] ?? '');
      if (delimiter.length !== header.length || !delimiter.every((cell) => DELIMITER_CELL.test(cell))) return null;
      let end = startLineIndex + 2;
      while (end < lines.length && lines[end]!.includes('|')) end++;
      const body = lines.slice(startLineIndex + 2, end).map(splitRow);
      rootNode.append($tableFrom(header, delimiter.map(alignmentOf), body, cellTransformers()));
      return [true, end - 1];
    },
    replace: () => false,
    export: (node) => ($isTableNode(node) ? tableMarkdown(node, cellTransformers()) : null),
  };
}

/** The cells of a row; `\|` is a pipe inside a cell. */
function splitRow(line: string): string[] {
  const trimmed = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

function alignmentOf(delimiter: string): Alignment {
  const cell = delimiter.trim();
  if (cell.startsWith(':') && cell.endsWith(':')) return 'center';
  if (cell.endsWith(':')) return 'right';
  return cell.startsWith(':') ? 'left' : '';
}

function $tableFrom(header: string[], alignments: Alignment[], body: string[][], dialect: Transformer[]): TableNode {
  const table = $createTableNode();
  const hasHeader = header.some((cell) => cell !== '');
  const rows = hasHeader ? [header, ...body] : body;
  rows.forEach((cells, rowIndex) => {
    const row = $createTableRowNode();
    alignments.forEach((alignment, column) => {
      const isHeader = hasHeader && rowIndex === 0;
      const cell = $createTableCellNode(isHeader ? TableCellHeaderStates.ROW : TableCellHeaderStates.NO_STATUS);
      cell.append(...$cellBlocks(cells[column] ?? '', alignment, dialect));
      row.append(cell);
    });
    table.append(row);
  });
  return table;
}

function $cellBlocks(markdown: string, alignment: Alignment, dialect: Transformer[]): LexicalNode[] {
  const blocks = markdown
    .split(LINE_BREAK)
    .flatMap((line) => $generateNodesFromMarkdownString(line.trim(), dialect))
    .filter((node) => !$isTableNode(node));
  if (blocks.length === 0) blocks.push($createParagraphNode());
  for (const block of blocks) if ($isElementNode(block) && alignment !== '') block.setFormat(alignment);
  return blocks;
}

function tableMarkdown(table: TableNode, dialect: Transformer[]): string {
  const rows = table.getChildren().filter($isTableRowNode);
  const cells = rows.map((row) => row.getChildren().filter($isTableCellNode));
  const width = Math.max(1, ...cells.map((row) => row.length));
  const text = cells.map((row) => Array.from({ length: width }, (_, column) => cellMarkdown(row[column], dialect)));
  const hasHeader = cells[0]?.some((cell) => cell.hasHeaderState(TableCellHeaderStates.ROW)) ?? false;
  const header = hasHeader ? text.shift()! : Array.from({ length: width }, () => '');
  const delimiter = Array.from({ length: width }, (_, column) => delimiterFor(columnAlignment(cells, column)));
  return [header, delimiter, ...text].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

function cellMarkdown(cell: TableCellNode | undefined, dialect: Transformer[]): string {
  if (cell === undefined) return '';
  const blocks = $convertToMarkdownString(dialect, cell).split(/\n+/);
  return blocks
    .filter((line) => line.trim() !== '')
    .join('<br>')
    .replace(/\|/g, '\\|');
}

/** The alignment every cell of `column` shares, if any. */
function columnAlignment(cells: TableCellNode[][], column: number): Alignment {
  const formats = new Set(
    cells.map((row) => {
      const first = row[column]?.getFirstChild();
      return $isElementNode(first) ? first.getFormatType() : '';
    }),
  );
  const [only] = formats;
  return formats.size === 1 && (only === 'left' || only === 'center' || only === 'right') ? only : '';
}

function delimiterFor(alignment: Alignment): string {
  if (alignment === 'center') return ':-:';
  if (alignment === 'right') return '--:';
  return alignment === 'left' ? ':--' : '---';
}
