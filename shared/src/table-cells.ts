import { $isTableCellNode, $isTableNode, $isTableRowNode } from '@lexical/table';
import type { LexicalNode } from 'lexical';
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
