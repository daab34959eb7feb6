import { $isTableCellNode, $isTableNode, $isTableRowNode, TableCellNode } from '@lexical/table';
import type { DOMConversionMap, LexicalNode } from 'lexical';
import { MAX_TABLE_SIZE_PX, MAX_TABLE_SPAN } from './node-schema.js';

/**
 * A table part made to look like one the editor writes (node-schema.ts): no cell colour
 * (the editor offers none, and a colour string is a value the server cannot vet), spans
 * within `MAX_TABLE_SPAN`, sizes within `MAX_TABLE_SIZE_PX`. Pasted HTML (web) and
 * imported HTML (server) both pass through it.
 */
export function $normalizeTablePart(node: LexicalNode): void {
  if ($isTableCellNode(node)) {
    if (node.getBackgroundColor() !== null) node.setBackgroundColor(null);
    if (node.getColSpan() > MAX_TABLE_SPAN) node.setColSpan(MAX_TABLE_SPAN);
    if (node.getRowSpan() > MAX_TABLE_SPAN) node.setRowSpan(MAX_TABLE_SPAN);
    if (!isSize(node.getWidth())) node.setWidth(undefined);
  } else if ($isTableRowNode(node)) {
    if (!isSize(node.getHeight())) node.setHeight(undefined);
  } else if ($isTableNode(node)) {
    const widths = node.getColWidths();
    if (widths !== undefined && !widths.every(isSize)) node.setColWidths(undefined);
  }
}

const isSize = (value: number | undefined): boolean =>
  value === undefined || (value >= 0 && value <= MAX_TABLE_SIZE_PX);

/**
 * Pasted or imported `<td>` and `<th>` with their spans capped and their colour dropped
 * before Lexical reads them: Lexical's table plugin fills every row out to the widest span
 * as soon as a table lands, so a `colspan="1000"` capped afterwards would already have
 * left a row of a thousand cells. Registered as the editors' `html.import` (web and server).
 */
export const TABLE_HTML_IMPORT: DOMConversionMap = Object.fromEntries(
  (['td', 'th'] as const).map((tag) => [
    tag,
    (element: DomElement) => {
      const base = TableCellNode.importDOM?.()?.[tag]?.(element);
      if (base === null || base === undefined) return null;
      return {
        priority: 1 as const,
        conversion: (dom: DomElement) => {
          capCell(dom as unknown as CellElement);
          return base.conversion(dom);
        },
      };
    },
  ]),
);

/** The parts of a `<td>` read here (shared/ compiles without the DOM's types). */
interface CellElement {
  colSpan: number;
  rowSpan: number;
  style: { backgroundColor: string };
}
type DomElement = Parameters<NonNullable<DOMConversionMap['td']>>[0];

function capCell(cell: CellElement): void {
  if (cell.colSpan > MAX_TABLE_SPAN) cell.colSpan = MAX_TABLE_SPAN;
  if (cell.rowSpan > MAX_TABLE_SPAN) cell.rowSpan = MAX_TABLE_SPAN;
  cell.style.backgroundColor = '';
}
