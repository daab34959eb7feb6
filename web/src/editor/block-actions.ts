/**
 * Table, rule, alignment and code-language actions (issue #22). Each is one editor update
 * or command, so the collaboration binding writes it as one Yjs transaction and one undo step.
 */
import { $isCodeNode } from '@lexical/code';
import { INSERT_HORIZONTAL_RULE_COMMAND } from '@lexical/extension';
import {
  $deleteTableColumnAtSelection,
  $deleteTableRowAtSelection,
  $findTableNode,
  $getTableCellNodeFromLexicalNode,
  $insertTableColumnAtSelection,
  $insertTableRowAtSelection,
  $isTableCellNode,
  $isTableRowNode,
  $setTableRowIsHeader,
  INSERT_TABLE_COMMAND,
  TableCellHeaderStates,
  type TableNode,
} from '@lexical/table';
import {
  $createParagraphNode,
  $findMatchingParent,
  $getSelection,
  $isRangeSelection,
  FORMAT_ELEMENT_COMMAND,
  type ElementFormatType,
  type LexicalEditor,
} from 'lexical';

export const MAX_TABLE_PICKER_SIZE = 8;

export function insertTable(editor: LexicalEditor, rows: number, columns: number): void {
  const includeHeaders = { rows: true, columns: false };
  editor.dispatchCommand(INSERT_TABLE_COMMAND, { rows: String(rows), columns: String(columns), includeHeaders });
}

export function insertRule(editor: LexicalEditor): void {
  editor.dispatchCommand(INSERT_HORIZONTAL_RULE_COMMAND, undefined);
}

export type Alignment = Extract<ElementFormatType, 'left' | 'center' | 'right' | 'justify'>;

export function alignBlocks(editor: LexicalEditor, alignment: Alignment): boolean {
  return editor.dispatchCommand(FORMAT_ELEMENT_COMMAND, alignment);
}

export function setCodeLanguage(editor: LexicalEditor, language: string): void {
  editor.update(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    const code = $findMatchingParent(selection.anchor.getNode(), $isCodeNode);
    if ($isCodeNode(code)) code.setLanguage(language === 'plain' ? undefined : language);
  });
}

/** The table the caret is in, if any. */
export function $selectedTable(): TableNode | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  const cell = $getTableCellNodeFromLexicalNode(selection.anchor.getNode());
  return cell === null ? null : $findTableNode(cell);
}

export function $tableHasHeaderRow(table: TableNode): boolean {
  const firstRow = table.getFirstChild();
  if (!$isTableRowNode(firstRow)) return false;
  return firstRow
    .getChildren()
    .some((cell) => $isTableCellNode(cell) && cell.hasHeaderState(TableCellHeaderStates.ROW));
}

export const TABLE_ACTIONS = {
  rowAbove: () => void $insertTableRowAtSelection(false),
  rowBelow: () => void $insertTableRowAtSelection(true),
  columnLeft: () => void $insertTableColumnAtSelection(false),
  columnRight: () => void $insertTableColumnAtSelection(true),
  deleteRow: () => $deleteTableRowAtSelection(),
  deleteColumn: () => $deleteTableColumnAtSelection(),
  headerRow: () => {
    const table = $selectedTable();
    if (table !== null) $setTableRowIsHeader(table, 0, !$tableHasHeaderRow(table));
  },
  deleteTable: () => {
    const table = $selectedTable();
    if (table === null) return;
    const paragraph = $createParagraphNode();
    table.replace(paragraph);
    paragraph.select();
  },
} as const;

export type TableAction = keyof typeof TABLE_ACTIONS;

/** Runs a cell menu action on the table the caret is in. */
export function runTableAction(editor: LexicalEditor, action: TableAction): void {
  editor.update(() => {
    if ($selectedTable() !== null) TABLE_ACTIONS[action]();
  });
}
